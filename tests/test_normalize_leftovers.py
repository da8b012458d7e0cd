"""Classes left over from issue 29's rounds (the closing notes' "left alone" list), each pinned
with a case of the same shape that must keep its old reading."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("khai thác máy bay 737-800", "khai thác máy bay bảy trăm ba mươi bảy tám trăm"),
        ("tàu bay A330-900 mới", "tàu bay a ba trăm ba mươi chín trăm mới"),
        ("máy bay thân hẹp A321-200", "máy bay thân hẹp a ba trăm hai mươi mốt hai trăm"),
        (
            "máy bay 737-800 và A321-200",
            "máy bay bảy trăm ba mươi bảy tám trăm và a ba trăm hai mươi mốt hai trăm",
        ),
    ],
)
def test_an_airliners_model_and_variant_after_an_aircraft_word_is_no_range(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("máy bay 150-200 chiếc", "máy bay một trăm năm mươi đến hai trăm chiếc"),
        ("có 20-30 máy bay", "có hai mươi đến ba mươi máy bay"),
        ("máy bay bay ở độ cao 10-12 km", "máy bay bay ở độ cao mười đến mười hai ki lô mét"),
    ],
)
def test_a_count_near_an_aircraft_word_stays_a_range(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("điền mẫu số 01-TT kèm hồ sơ", "điền mẫu số một tê tê kèm hồ sơ"),
        ("theo mẫu 03-CT", "theo mẫu ba xê tê"),
        ("theo mẫu số 05/QĐ-XPHC", "theo mẫu số năm quyết định ích pê hát xê"),
        ("theo Thông tư 05-TT", "theo Thông tư năm thông tư"),
    ],
)
def test_a_forms_lone_short_code_after_mau_is_spelled_not_read_as_a_document_type(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


def test_tct_in_a_document_code_is_the_tax_department_not_a_corporation() -> None:
    assert normalize("Công văn 1234/TCT-CS") == (
        "Công văn một nghìn hai trăm ba mươi tư tổng cục thuế chính sách"
    )


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("ổ cứng 2 TB", "ổ cứng hai tê ra bai"),
        ("ổ SSD 1TB", "ổ ét ét dê một tê ra bai"),
        ("Anh ấy nhắc đến TB này.", "Anh ấy nhắc đến tê bê này."),
    ],
)
def test_tb_after_a_number_stays_terabytes_and_alone_is_spelled(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("trẻ em dưới 1m2 được miễn vé", "trẻ em dưới một mét hai được miễn vé"),
        ("trẻ em có chiều cao dưới 1m3", "trẻ em có chiều cao dưới một mét ba"),
        ("căn phòng dưới 1m2", "căn phòng dưới một mét vuông"),
        ("diện tích 1m2 đất", "diện tích một mét vuông đất"),
    ],
)
def test_1m2_after_a_childs_or_a_heights_cue_is_a_height_else_an_area(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("phát hiện 15 vụ/23 đối tượng", "phát hiện mười lăm vụ, hai mươi ba đối tượng"),
        ("khởi tố 3 vụ án/5 bị can", "khởi tố ba vụ án, năm bị can"),
    ],
)
def test_cases_and_the_people_in_them_around_a_slash_are_a_pair(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("lãi 5 triệu đồng/3 tháng", "lãi năm triệu đồng trên ba tháng"),
        ("35 giường bệnh/10.000 dân", "ba mươi lăm giường bệnh trên mười nghìn dân"),
        ("tỷ lệ 3 nam/2 nữ", "tỷ lệ ba nam trên hai nữ"),
        ("12 ca/2 ngày", "mười hai ca trên hai ngày"),
        ("với 23 điểm/11 trận", "với hai mươi ba điểm trên mười một trận"),
    ],
)
def test_a_rate_with_a_number_under_the_slash_keeps_tren(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("12.500 căn hộ mở bán trong Q3", "mười hai nghìn năm trăm căn hộ mở bán trong quý ba"),
        ("cuối Q4 năm nay", "cuối quý bốn năm nay"),
        ("căn hộ tại Q3 giá cao", "căn hộ tại quận ba giá cao"),
    ],
)
def test_q_and_a_digit_after_a_time_word_is_a_quarter_even_beside_an_address_word(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "diễn ra CN (14-12) tại Mỹ Đình",
            "diễn ra chủ nhật, ngày mười bốn tháng mười hai, tại Mỹ Đình",
        ),
        (
            "mở cửa T7 (13-12) và CN (14-12).",
            "mở cửa thứ bảy, ngày mười ba tháng mười hai, "
            "và chủ nhật, ngày mười bốn tháng mười hai.",
        ),
    ],
)
def test_a_short_weekday_and_a_dashed_date_in_brackets_is_a_day_and_its_date(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("lớp T5 (2-3 học sinh)", "lớp tê năm, hai đến ba học sinh"),
        ("thứ ba (2-3 người)", "thứ ba, hai đến ba người"),
    ],
)
def test_a_count_in_brackets_after_a_weekday_or_a_class_stays_a_range(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("tàu 016 của Hải quân", "tàu không một sáu của Hải quân"),
        ("theo mẫu 01 ban hành kèm", "theo mẫu không một ban hành kèm"),
        ("tàu 3 chiếc", "tàu ba chiếc"),
    ],
)
def test_a_hull_or_form_number_keeps_its_leading_zero(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "giải ngân 615 tỷ/890 tỷ đồng",
            "giải ngân sáu trăm mười lăm tỷ trên tám trăm chín mươi tỷ đồng",
        ),
        ("hoàn thành 30/6 năm nay", "hoàn thành ngày ba mươi tháng sáu năm nay"),
    ],
)
def test_an_amount_disbursed_out_of_a_whole_reads_tren_and_a_date_stays_a_date(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "SSI, VND và VCI tăng trần.",
            "ét ét i, vê en dê và vê xê i tăng trần.",
        ),
        ("Tỷ giá USD, EUR và VND biến động.", "Tỷ giá đô la Mỹ, ơ rô và đồng biến động."),
        ("Giá 500 VND, 20 USD", "Giá năm trăm đồng, hai mươi đô la Mỹ"),
    ],
)
def test_a_list_of_tickers_in_market_news_is_spelled_and_currencies_stay_currencies(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


def test_a_currency_after_an_amount_in_a_list_with_a_market_word_stays_a_currency() -> None:
    assert normalize("vốn hóa 5.000 tỷ USD, EPS quý tăng") == (
        "vốn hóa năm nghìn tỷ đô la Mỹ, e pê ét quý tăng"
    )


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("chuyến bay VN255/VN256 bị hủy", "chuyến bay vê en hai năm năm, vê en hai năm sáu bị hủy"),
        ("chuyến bay VJ123/124", "chuyến bay vê gi một hai ba, một hai bốn"),
        ("chuyến bay VN255, 300 hành khách", "chuyến bay vê en hai năm năm, ba trăm hành khách"),
    ],
)
def test_a_flight_and_its_return_flight_are_both_read_digit_by_digit(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("120 cán bộ/công chức", "một trăm hai mươi cán bộ hoặc công chức"),
        ("hỗ trợ 2 triệu đồng/cán bộ", "hỗ trợ hai triệu đồng trên cán bộ"),
    ],
)
def test_staff_nouns_around_a_slash_are_a_choice_and_per_staff_stays_tren(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken
