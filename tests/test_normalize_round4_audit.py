"""Round four, the audit of the peer suite's conventions (sea-g2p 0.10.0): readings that differed
from the peer and were wrong on our side too, pinned as classes with our own examples, each with
a case from ordinary news text where the rule must not fire."""

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
        ("đội ngũ cộng tác viên CTV của báo", "đội ngũ cộng tác viên xê tê vê của báo"),
        ("thủ tục TTHC mức độ 4", "thủ tục tê tê hát xê mức độ bốn"),
        ("ban quản lý BQL chợ", "ban quản lý bê quy e lờ chợ"),
        # Not after its own words, in brackets, or heading a code: read in full.
        ("CTV của báo", "cộng tác viên của báo"),
        ("Bảo hiểm xã hội (BHXH)", "Bảo hiểm xã hội, bảo hiểm xã hội"),
        (
            "quy chuẩn QCVN 05:2023",
            "quy chuẩn quy chuẩn Việt Nam không năm năm hai nghìn không trăm hai mươi ba",
        ),
        ("thủ tục mới của UBND xã", "thủ tục mới của ủy ban nhân dân xã"),
    ],
)
def test_an_abbreviation_right_after_its_own_words_is_spelled(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The CTV team will join us", "The xê tê vê team will join us"),
        ("We met the BQL of the market", "We met the bê quy e lờ of the market"),
        # A name is still read; Vietnamese words around the entry keep the reading.
        ("The VN team beat Thailand", "The Việt Nam team beat Thailand"),
        ("CTV team của báo", "cộng tác viên team của báo"),
        ("mời CTV the thao", "mời cộng tác viên the thao"),
    ],
)
def test_an_abbreviation_between_english_words_is_spelled(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("chiều dài 3/4 mét là vừa", "chiều dài ba phần bốn mét là vừa"),
        ("thêm 1/2 kg đường", "thêm một phần hai ki lô gam đường"),
        ("cắt 1/4 lít nước", "cắt một phần tư lít nước | cắt một phần bốn lít nước"),
        # A date cue before the number wins; no measure after it: a date.
        ("ngày 3/4 mét vải tăng giá", "ngày ba tháng tư mét vải tăng giá"),
        ("Từ 1/7 tấn công mạng tăng", "Từ ngày một tháng bảy tấn công mạng tăng"),
        ("Quốc khánh 2/9 cân nhắc", "Quốc khánh ngày hai tháng chín cân nhắc"),
    ],
)
def test_a_fraction_before_a_measure_is_no_date(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Anh M. đi bộ về nhà", "Anh mờ đi bộ về nhà"),
        ("áo cỡ M", "áo cỡ mờ"),
        ("size S/M/L", "size ét, mờ, e lờ"),
        # Inside a spelled abbreviation M keeps its name; the word "em" is untouched.
        ("mã MC", "mã em xê"),
        ("anh em đi bộ", "anh em đi bộ"),
    ],
)
def test_a_lone_m_is_never_the_word_em(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("tôi đang ở Washington D.C", "tôi đang ở Washington dê xê"),
        ("Washington D.C. là thủ đô", "Washington dê xê là thủ đô"),
        ("Ông đến Washington D.C. Tại đây ông gặp", "Ông đến Washington dê xê. Tại đây ông gặp"),
        # A name's initial and an address keep their own rules.
        ("bà Nguyễn Thị H. cho biết", "bà Nguyễn Thị hát cho biết"),
        ("TP.HCM mưa lớn", "thành phố Hồ Chí Minh mưa lớn"),
    ],
)
def test_capitals_joined_by_dots_are_spelled_as_one_word(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("lương 20M một tháng", "lương hai mươi triệu một tháng"),
        ("thương vụ 5M USD", "thương vụ năm triệu đô la Mỹ"),
        ("video đạt 5M lượt xem", "vi đê ô đạt năm triệu lượt xem"),
        ("lợi nhuận 1.25B USD", "lợi nhuận một chấm hai mươi lăm tỷ đô la Mỹ"),
        ("mô hình 7B tham số", "mô hình bảy tỷ tham số"),
        # No amount word around it: a code or a model keeps its letter.
        ("căn hộ 51M", "căn hộ năm mươi mốt mờ"),
        ("mô hình Llama 7B", "mô hình Llama bảy bê"),
        ("xe buýt số 10B chạy", "xe buýt số mười bê chạy"),
    ],
)
def test_m_or_b_glued_to_an_amount_is_millions_or_billions(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "Lịch học từ T2 đến T6, nghỉ T7 và CN.",
            "Lịch học từ thứ hai đến thứ sáu, nghỉ thứ bảy và chủ nhật.",
        ),
        ("Mở cửa T7, CN", "Mở cửa thứ bảy, chủ nhật"),
        # A tower or block lettered T keeps its letter.
        ("tòa T2 và T3 đã xong", "tòa tê hai và tê ba đã xong"),
    ],
)
def test_a_weekday_before_another_weekday_is_read_as_one(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Mô hình B2B rất phổ biến.", "Mô hình bi tu bi rất phổ biến."),
        ("sàn C2C và P2P", "sàn xi tu xi và pi tu pi"),
        ("dịch vụ food2door giao tận nơi", "dịch vụ food tu door giao tận nơi"),
        # Chemistry, rooms and teams keep "hai".
        ("khí O2 và H2O", "khí ô hai và hát hai ô"),
        ("phòng B2 tầng 3", "phòng bê hai tầng ba"),
        ("đội U23 và A2B", "đội u hai mươi ba và a hai bê"),
    ],
)
def test_a_two_for_to_in_english_shorthand_is_tu(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("đạo hàm cấp hai y''", "đạo hàm cấp hai y phẩy phẩy"),
        ("điểm A' đối xứng với A", "điểm a phẩy đối xứng với a"),
        # A quoted word or letter keeps no prime.
        ("chữ 'A' viết hoa", "chữ a viết hoa"),
        ("Giá của 'Sản phẩm' này", "Giá của Sản phẩm này"),
    ],
)
def test_a_letters_primes_are_read(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "RAM hệ thống là 128GB DDR5-6400.",
            "ram hệ thống là một trăm hai mươi tám gi ga bai dê dê e rờ năm sáu nghìn bốn trăm.",
        ),
        ("Độ pH của nước là 7.", "Độ pê hát của nước là bảy."),
        ("Đọc BCTC quý 3", "Đọc báo cáo tài chính quý ba"),
        ("Nồng độ 5 mEq/L", "Nồng độ năm mi li đương lượng trên lít"),
        ("Triển khai K8s trên cụm server", "Triển khai ca tám ét trên cụm server"),
        # A span of years is still a range.
        (
            "giai đoạn 2021-2025",
            "giai đoạn hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm hai mươi lăm",
        ),
    ],
)
def test_standards_indices_and_units_left_unread_before_are_read(written: str, spoken: str) -> None:
    _check(written, spoken)
