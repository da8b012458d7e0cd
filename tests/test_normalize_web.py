"""Addresses, paths, identifiers and foreign text read sign by sign; ordinary news untouched."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize
from tests.normalize_cases import accepted


def _check(written: str, spoken: str) -> None:
    """``normalize(written)`` is one of the accepted ``spoken`` forms."""
    assert accepted(normalize(written), spoken), normalize(written)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("link forms.gle/xnk27 nhé", "link forms chấm gle gạch chéo ích en ca hai bảy nhé"),
        ("kênh youtube.com/@kenhhay", "kênh youtube chấm com gạch chéo a còng kenhhay"),
        ("xem abc.com/báo-cáo", "xem abc chấm com gạch chéo báo gạch nối cáo"),
        (
            "tra cứu tại tracuu.edu.vn?so=CC1204 nhé.",
            "tra cứu tại tracuu chấm edu chấm vn hỏi chấm so bằng xê xê một hai không bốn nhé.",
        ),
        ("Tài liệu ở docs.python.org.", "tài liệu ở docs chấm python chấm org."),
        ("trang kenh14.vn đưa tin", "trang kenh mười bốn chấm vn đưa tin"),
        ("Theo VnExpress.net hôm qua", "theo vnexpress chấm net hôm qua"),
    ],
)
def test_a_bare_web_address_is_read_sign_by_sign(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Xem tại https://backan.gov.vn/Pages/tin.aspx?ID=12.", "xem tại backan chấm gov chấm vn."),
        ("Email công việc: admin@fpt.vn", "email công việc: admin a còng ép pê tê chấm vn"),
        (
            "Gửi đến admin_v2@server.ai.",
            "gửi đến admin gạch dưới vê hai a còng server chấm ai.",
        ),
        (
            "email research.ai+test@example-domain.org.",
            "email research chấm ai cộng test a còng example gạch nối domain chấm org.",
        ),
    ],
)
def test_links_and_emails_are_read_for_typing(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            r"lưu ở C:\Thue\CaNhan\to_khai.pdf nhé.",
            "lưu ở xê hai chấm gạch chéo thue gạch chéo ca nhan gạch chéo to gạch dưới khai"
            " chấm pê dê ép nhé.",
        ),
        (
            r"ở \\toasoan\luutru\bia_32.jpg, mẹ tải.",
            "ở gạch chéo gạch chéo toasoan gạch chéo luutru gạch chéo bia gạch dưới ba hai"
            " chấm gi pê giê, mẹ tải.",
        ),
        (
            "nằm ở /home/user/data_v3.2.tar.gz.",
            "nằm ở gạch chéo home gạch chéo user gạch chéo data gạch dưới vê ba chấm hai"
            " chấm tar chấm giê dét.",
        ),
        (
            "ghi tại error_log_2024-10-21.txt.",
            "ghi tại error gạch dưới log gạch dưới hai không hai bốn gạch nối một không"
            " gạch nối hai một chấm tê ích tê.",
        ),
        ("tên user_2024_dev.", "tên user gạch dưới hai không hai bốn gạch dưới dev."),
        ("E_in = E_out + ΔE_k", "e in bằng e out cộng đen ta e ca"),
        ("vận tốc v_0 lớn", "vận tốc v không lớn | vận tốc vê không lớn"),
    ],
)
def test_paths_file_names_and_identifiers_are_read_sign_by_sign(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "Địa chỉ IP là 10.0.0.1.",
            "địa chỉ i pê là một không chấm không chấm không chấm một.",
        ),
        (
            "IPv6 là 2001:0db8::7334",
            "i pê vê sáu là hai không không một hai chấm không dê bê tám hai chấm"
            " hai chấm bảy ba ba bốn",
        ),
        ("bản 1.25.3.4", "bản một chấm hai năm chấm ba chấm bốn"),
    ],
)
def test_ip_addresses_are_read_group_by_group_digit_by_digit(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("getUserById", "get user by id"),
        ("hàm setVolumeLevel", "hàm set volume level"),
        ("Theo VnExpress, xe VinBus", "theo vnexpress, xe vinbus"),
        ("huyết áp 120 mmHg", "huyết áp một trăm hai mươi mi li mét thủy ngân"),
        ("muối NaCl", "muối nờ a xê lờ"),  # a formula (formulas.py), never split as a name
        ("HaNoi và TiVi", "ha noi và ti vi"),
        ("VietJet, LaLiga", "vietjet, laliga"),
        ("đăng trên arXiv, chạy macOS", "đăng trên arxiv, chạy macos"),
    ],
)
def test_a_code_identifier_is_split_a_brand_kept(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("<en>Hello</en>", "hello"),
        ("Xin chào <en>Good morning</en>", "xin chào good morning"),
        ("Thủ môn Neuer chơi cho Bayern München", "thủ môn neuer chơi cho bayern munchen"),
        ("Hãng xe Škoda và Citroën", "hãng xe skoda và citroen"),
        ("Đường Straße, nhà vật lý Ørsted", "đường strasse, nhà vật lý orsted"),
        ("Nhà toán học Erdős Pál", "nhà toán học erdos pál"),
        ("ÐÀ NẴNG", "đà nẵng"),
        ("quán café của José", "quán café của josé"),
    ],
)
def test_foreign_letters_lose_their_marks_and_english_tags_are_dropped(
    written: str, spoken: str
) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("TP.HCM và Q.1", "thành phố hồ chí minh và quận một"),
        ("P.Bến Nghé, Nxb.Trẻ", "phường bến nghé, nhà xuất bản trẻ"),
        ("tăng 3.5 lần, v.v.", "tăng ba chấm năm lần, vân vân"),
        ("giá 1.000.000.000 đồng", "giá một tỷ đồng"),
        ("lúc 10:30:45", "lúc mười giờ ba mươi phút bốn mươi lăm giây"),
        ("học sinh/sinh viên", "học sinh hoặc sinh viên"),
        ("ngày 1/2/2023", "ngày một tháng hai năm hai nghìn không trăm hai mươi ba"),
        ("Theo báo Tuổi Trẻ.Hôm nay trời đẹp", "theo báo tuổi trẻ. hôm nay trời đẹp"),
    ],
)
def test_ordinary_news_text_is_no_address(written: str, spoken: str) -> None:
    _check(written, spoken)
