"""The news sweep of unambiguous abbreviations (issue 29): ministries and Sở, courts and
prosecution, police and army, party and mass organisations, education, health, finance, land,
transport, agriculture, culture and sport, each read in full inside an ordinary sentence."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize
from tests.normalize_cases import plain_words, section_entries


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "TAND khu vực 1 đã xét xử, VKSNDKV 1 giữ quyền công tố.",
            "tòa án nhân dân khu vực một đã xét xử, viện kiểm sát nhân dân khu vực một giữ quyền"
            " công tố.",
        ),
        (
            "Hồ sơ được chuyển đến CQCSĐT Công an tỉnh.",
            "Hồ sơ được chuyển đến cơ quan cảnh sát điều tra Công an tỉnh.",
        ),
        (
            "Thượng tá là QNCN của BCHQST Lâm Đồng.",
            "Thượng tá là quân nhân chuyên nghiệp của Bộ Chỉ huy Quân sự tỉnh Lâm Đồng.",
        ),
        (
            "Đồng chí là UVBCT, Bí thư Thành ủy Hà Nội.",
            "Đồng chí là ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội.",
        ),
        (
            "Anh là ĐVTN tiêu biểu của HSVVN năm nay.",
            "Anh là đoàn viên thanh niên tiêu biểu của Hội Sinh viên Việt Nam năm nay.",
        ),
        (
            "Các CĐCS đã tặng quà cho CNLĐ khó khăn.",
            "Các công đoàn cơ sở đã tặng quà cho công nhân lao động khó khăn.",
        ),
        (
            "Cô là giảng viên HVBCTT, từng dạy ở HVNH.",
            "Cô là giảng viên Học viện Báo chí và Tuyên truyền, từng dạy ở Học viện Ngân hàng.",
        ),
        (
            "BVNTW tiếp nhận 3 ca SDD nặng trong tuần.",
            "Bệnh viện Nhi Trung ương tiếp nhận ba ca suy dinh dưỡng nặng trong tuần.",
        ),
        (
            "Bộ Y tế giao VSDTTƯ giám sát ca VNNB.",
            "Bộ Y tế giao Viện Vệ sinh Dịch tễ Trung ương giám sát ca viêm não Nhật Bản.",
        ),
        (
            "Ổ DTLCP xuất hiện tại 2 xã của tỉnh.",
            "Ổ dịch tả lợn châu Phi xuất hiện tại hai xã của tỉnh.",
        ),
        (
            "Tỷ lệ BHXHTN tăng 12% so với cùng kỳ.",
            "Tỷ lệ bảo hiểm xã hội tự nguyện tăng mười hai phần trăm so với cùng kỳ.",
        ),
        (
            "Khối NĐTNN bán ròng 300 tỷ đồng trong phiên.",
            "Khối nhà đầu tư nước ngoài bán ròng ba trăm tỷ đồng trong phiên.",
        ),
        (
            "Doanh nghiệp phát hành TPDN trị giá 2.000 tỷ đồng.",
            "Doanh nghiệp phát hành trái phiếu doanh nghiệp trị giá hai nghìn tỷ đồng.",
        ),
        (
            "Người dân nộp LPTB khi sang tên nhà đất.",
            "Người dân nộp lệ phí trước bạ khi sang tên nhà đất.",
        ),
        (
            "Dự án chậm vì vướng BTGPMB và TSDĐ chưa nộp.",
            "Dự án chậm vì vướng bồi thường giải phóng mặt bằng và tiền sử dụng đất chưa nộp.",
        ),
        (
            "Nhà máy XLNT công suất 270.000 m3/ngày.",
            "Nhà máy xử lý nước thải công suất hai trăm bảy mươi nghìn mét khối trên ngày.",
        ),
        (
            "CHKQTLT dự kiến khai thác thương mại năm 2026.",
            "Cảng hàng không quốc tế Long Thành dự kiến khai thác thương mại năm hai nghìn"
            " không trăm hai mươi sáu.",
        ),
        (
            "Số vụ TNGT giảm 8% trong quý I.",
            "Số vụ tai nạn giao thông giảm tám phần trăm trong quý một.",
        ),
        (
            "Lễ đón bằng DTQGĐB được tổ chức tại đình làng.",
            "Lễ đón bằng di tích quốc gia đặc biệt được tổ chức tại đình làng.",
        ),
        (
            "Ông được phong tặng danh hiệu NNƯT năm nay.",
            "Ông được phong tặng danh hiệu nghệ nhân ưu tú năm nay.",
        ),
        (
            "Tỉnh đang SXĐVHC cấp xã, giảm 60% ĐVHC.",
            "Tỉnh đang sắp xếp đơn vị hành chính cấp xã, giảm sáu mươi phần trăm đơn vị hành"
            " chính.",
        ),
        (
            "Ông là PCTUBND tỉnh phụ trách khối kinh tế.",
            "Ông là phó chủ tịch ủy ban nhân dân tỉnh phụ trách khối kinh tế.",
        ),
        (
            "Đề án CTMTQG về giảm nghèo đã giải ngân 85%.",
            "Đề án chương trình mục tiêu quốc gia về giảm nghèo đã giải ngân tám mươi lăm phần"
            " trăm.",
        ),
        (
            "Đề án CĐSQG được phê duyệt trong quý II.",
            "Đề án chuyển đổi số quốc gia được phê duyệt trong quý hai.",
        ),
    ],
)
def test_news_abbreviations_are_read_in_full(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_the_sweep_section_is_not_empty() -> None:
    assert len(section_entries("issue 29 news sweep")) >= 150


@pytest.mark.parametrize(("written", "spoken"), section_entries("issue 29 news sweep"))
def test_every_sweep_entry_is_long_and_read_in_full(written: str, spoken: str) -> None:
    assert len(written) >= 3
    sentence = normalize(f"Theo thông báo của {written} sáng nay, mọi việc đã xong.")
    assert plain_words(spoken) in plain_words(sentence)
