"""The abbr2 sweep: abbreviations of sport, police and army, health, finance, education and
labour, and provincial administration news of 2024-2026, each read in full inside a sentence;
and tokens that look alike but have more than one reading, which stay spelled or keep theirs."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize
from tests.normalize_cases import accepted, plain_words, section_entries


def test_the_sweep_section_is_there() -> None:
    assert len(section_entries("abbr2 sweep")) >= 150


@pytest.mark.parametrize(("written", "spoken"), section_entries("abbr2 sweep"))
def test_every_sweep_entry_is_read_in_full_inside_a_sentence(written: str, spoken: str) -> None:
    said = normalize(f"Theo {written} hôm nay")
    assert f" {plain_words(spoken)} " in f" {plain_words(said)} ", said


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "Trưởng BHL đội khách thừa nhận các cầu thủ đã mệt.",
            "trưởng ban huấn luyện đội khách thừa nhận các cầu thủ đã mệt",
        ),
        (
            "HLVT Kim Sang-sik công bố danh sách 28 cầu thủ.",
            "huấn luyện viên trưởng kim sang sik công bố danh sách hai mươi tám cầu thủ",
        ),
        (
            "LĐBĐ châu Á vừa công bố lịch thi đấu mới.",
            "liên đoàn bóng đá châu á vừa công bố lịch thi đấu mới",
        ),
        (
            "CLB Bắc Ninh trụ hạng tại giải HNQG mùa này.",
            "câu lạc bộ bắc ninh trụ hạng tại giải hạng nhất quốc gia mùa này",
        ),
        (
            "Trận đấu diễn ra trên SVĐQG Mỹ Đình.",
            "trận đấu diễn ra trên sân vận động quốc gia mỹ đình",
        ),
        (
            "Lực lượng CSND đã phong tỏa hiện trường.",
            "lực lượng cảnh sát nhân dân đã phong tỏa hiện trường",
        ),
        (
            "Tổ công tác phát hiện tài xế vi phạm NĐC ở mức cao nhất.",
            "tổ công tác phát hiện tài xế vi phạm nồng độ cồn ở mức cao nhất",
        ),
        (
            "Đội CSGTĐT kiểm tra 12 phương tiện trên sông Hồng.",
            "đội cảnh sát giao thông đường thủy kiểm tra mười hai phương tiện trên sông hồng",
        ),
        (
            "Ông được bầu làm chỉ huy trưởng BCHQSX Tân Lập.",
            "ông được bầu làm chỉ huy trưởng ban chỉ huy quân sự xã tân lập",
        ),
        (
            "Vùng 2 CSB tuần tra khu vực biển Tây Nam.",
            "vùng hai cảnh sát biển tuần tra khu vực biển tây nam",
        ),
        (
            "Chị làm lại BSX tại điểm ĐKX của công an xã.",
            "chị làm lại biển số xe tại điểm đăng ký xe của công an xã",
        ),
        (
            "Bệnh nhân được chuyển lên BVĐKT trong đêm.",
            "bệnh nhân được chuyển lên bệnh viện đa khoa tỉnh trong đêm",
        ),
        (
            "Các BVĐKKV phía Bắc tỉnh đã quá tải.",
            "các bệnh viện đa khoa khu vực phía bắc tỉnh đã quá tải",
        ),
        (
            "Số ca BKLN như tăng huyết áp đang tăng nhanh.",
            "số ca bệnh không lây nhiễm như tăng huyết áp đang tăng nhanh",
        ),
        (
            "Người bệnh TBMMN cần được đưa đến viện trong giờ vàng.",
            "người bệnh tai biến mạch máu não cần được đưa đến viện trong giờ vàng",
        ),
        (
            "Người dân không nên tin quảng cáo TPCN trên mạng.",
            "người dân không nên tin quảng cáo thực phẩm chức năng trên mạng",
        ),
        (
            "NHTW của nhiều nước giữ nguyên lãi suất.",
            "ngân hàng trung ương của nhiều nước giữ nguyên lãi suất",
        ),
        (
            "Lợi nhuận của các DNBH phi nhân thọ tăng 12%.",
            "lợi nhuận của các doanh nghiệp bảo hiểm phi nhân thọ tăng mười hai phần trăm",
        ),
        (
            "CTHĐQT công ty đăng ký mua 2 triệu cổ phiếu.",
            "chủ tịch hội đồng quản trị công ty đăng ký mua hai triệu cổ phiếu",
        ),
        (
            "ĐHĐCĐTN của ngân hàng sẽ diễn ra vào tháng 4.",
            "đại hội đồng cổ đông thường niên của ngân hàng sẽ diễn ra vào tháng tư",
        ),
        (
            "LSTK kỳ hạn 12 tháng giảm nhẹ.",
            "lãi suất tiết kiệm kỳ hạn mười hai tháng giảm nhẹ",
        ),
        (
            "Mỗi trường cần thêm 3 GVMN cho năm học mới.",
            "mỗi trường cần thêm ba giáo viên mầm non cho năm học mới",
        ),
        (
            "Học sinh lớp 10 học môn GDKT&PL từ năm học này.",
            "học sinh lớp mười học môn giáo dục kinh tế và pháp luật từ năm học này",
        ),
        (
            "Người lao động mất việc được hưởng TCTN theo quy định.",
            "người lao động mất việc được hưởng trợ cấp thất nghiệp theo quy định",
        ),
        (
            "Ông được bầu làm PBTTT Tỉnh ủy Nghệ An.",
            "ông được bầu làm phó bí thư thường trực tỉnh ủy nghệ an",
        ),
        (
            "UBNDX Tân Lập tiếp nhận 120 hồ sơ trực tuyến.",
            "ủy ban nhân dân xã tân lập tiếp nhận một trăm hai mươi hồ sơ trực tuyến",
        ),
        (
            "Cả nước có 182 ĐVBC bầu đại biểu Quốc hội.",
            "cả nước có một trăm tám mươi hai đơn vị bầu cử bầu đại biểu quốc hội",
        ),
        (
            "HĐBCQG công bố danh sách người trúng cử.",
            "hội đồng bầu cử quốc gia công bố danh sách người trúng cử",
        ),
        (
            "Các ĐVHCCX mới đi vào hoạt động.",
            "các đơn vị hành chính cấp xã mới đi vào hoạt động",
        ),
        (
            "Báo cáo của VPCTN được gửi đến các cơ quan.",
            "báo cáo của văn phòng chủ tịch nước được gửi đến các cơ quan",
        ),
        (
            "Giám đốc SNNMT kiểm tra đê điều.",
            "giám đốc sở nông nghiệp và môi trường kiểm tra đê điều",
        ),
    ],
)
def test_a_news_abbreviation_of_one_reading_is_read_in_full(written: str, spoken: str) -> None:
    assert accepted(normalize(written), spoken), normalize(written)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # "PTV": a surgeon ("phẫu thuật viên") or Phú Yên television: spelled
        ("PTV chính của ca mổ là ông Hùng.", "pê tê vê chính của ca mổ là ông hùng"),
        # "TTS": an intern abroad ("thực tập sinh") or total assets: spelled
        ("Đội bóng của TTS tại Nhật Bản.", "đội bóng của tê tê ét tại nhật bản"),
        # "TTTC": a finance market or a finance centre: spelled
        ("TTTC quốc tế sẽ khai trương.", "tê tê tê xê quốc tế sẽ khai trương"),
        # "CSB" is an entry; "CSBĐ" is not, and is not read as "CSB" and a letter
        ("Cán bộ CSBĐ có mặt.", "cán bộ xê ét bê đê có mặt"),
        # "BTL" (Bộ Tư lệnh) is an entry; the longer entry wins
        ("BTLHQ tổ chức diễn tập.", "bộ tư lệnh hải quân tổ chức diễn tập"),
        # "HĐTD": a credit contract or a recruiting board: spelled
        ("Hai bên ký HĐTD mới.", "hai bên ký hát đê tê dê mới"),
        # the Agribank compound keeps its own reading
        (
            "Gửi tiền tại NHNo&PTNT chi nhánh Tân Lập.",
            "gửi tiền tại ngân hàng nông nghiệp và phát triển nông thôn chi nhánh tân lập",
        ),
        # a capital-only entry does not fire on lower case
        ("Vải clc nhập khẩu.", "vải clc nhập khẩu"),
    ],
)
def test_a_look_alike_with_several_readings_keeps_its_reading(written: str, spoken: str) -> None:
    assert accepted(normalize(written), spoken), normalize(written)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "Bộ trưởng BTC trình Quốc hội dự toán ngân sách.",
            "bộ trưởng bộ tài chính trình quốc hội dự toán ngân sách",
        ),
        ("Thứ trưởng BTC cho biết.", "thứ trưởng bộ tài chính cho biết"),
        # a head of an organising board stays the board
        ("Trưởng BTC giải chạy cho biết.", "trưởng ban tổ chức giải chạy cho biết"),
        ("Phó trưởng BTC giải đấu phát biểu.", "phó trưởng ban tổ chức giải đấu phát biểu"),
    ],
)
def test_a_minister_of_btc_is_the_finance_ministry(written: str, spoken: str) -> None:
    assert accepted(normalize(written), spoken), normalize(written)
