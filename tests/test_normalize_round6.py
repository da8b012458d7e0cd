"""Round-six classes: each fix pinned with a case it must read and one it must leave alone."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("mức lương cơ sở/tháng", "mức lương cơ sở trên tháng"),
        ("được tặng 5GB/tháng", "được tặng năm gi ga bai trên tháng"),
    ],
)
def test_a_time_after_a_slash_is_per(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_slash_between_two_choices_stays_a_choice() -> None:
    assert normalize("ô tô/xe máy") == "ô tô hoặc xe máy"


def test_a_day_range_ending_on_24_7_is_a_date() -> None:
    assert normalize("từ ngày 22-24/7") == "từ ngày hai mươi hai đến hai mươi tư tháng bảy"


def test_round_the_clock_24_7_alone_is_still_a_ratio() -> None:
    assert normalize("trực 24/7") == "trực hai mươi tư trên bảy"


def test_a_rank_before_a_scale_word_is_a_count() -> None:
    assert normalize("lượt khách thứ 1 triệu") == "lượt khách thứ một triệu"


def test_a_rank_without_a_scale_word_is_an_ordinal() -> None:
    assert normalize("xếp thứ 1 toàn đoàn") == "xếp thứ nhất toàn đoàn"


def test_a_fuel_grade_reads_its_roman_level() -> None:
    assert normalize("xăng RON 95-III") == "xăng ron chín mươi lăm ba"


def test_a_small_number_before_a_roman_numeral_is_no_fuel_grade() -> None:
    assert "mười ba" not in normalize("kỳ họp 10-III")


def test_a_flood_alarm_level_is_a_number() -> None:
    assert normalize("trên báo động III") == "trên báo động ba"


def test_a_roman_looking_word_without_a_trigger_is_left() -> None:
    assert "ba" not in normalize("mẫu III mới").split()


def test_a_set_after_a_tie_break_is_a_score() -> None:
    assert normalize("thua 6-7(5), 4-6") == "thua sáu bảy, năm, bốn sáu"


def test_numbers_after_a_bracket_that_is_no_tie_break_are_a_range() -> None:
    assert "bốn đến sáu" in normalize("giảm từ 6-7 (5 người) xuống 4-6 người")


def test_two_chainages_joined_by_a_dash_are_a_range() -> None:
    assert normalize("đoạn Km0+000-Km12+500") == (
        "đoạn ki lô mét không cộng không đến ki lô mét mười hai cộng năm trăm"
    )


def test_a_phone_number_dash_is_no_chainage_range() -> None:
    assert "đến" not in normalize("gọi 0912-345")


def test_an_amount_per_coin_reads_its_currency_and_per() -> None:
    assert normalize("110.000 USD/BTC") == "một trăm mười nghìn đô la Mỹ trên bê tê xê"


def test_a_currency_pair_without_an_amount_is_not_a_price() -> None:
    assert "trên" not in normalize("cặp USD/BTC biến động")


def test_a_livestock_disease_beside_a_vaccine_is_no_cooperative() -> None:
    assert normalize("vắc xin LMLM và THT") == "vắc xin lở mồm long móng và tụ huyết trùng"


def test_tht_elsewhere_is_still_a_cooperative() -> None:
    assert normalize("thành lập THT trồng rau") == "thành lập tổ hợp tác trồng rau"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("được THTT trên VTV5", "được truyền hình trực tiếp trên vê tê vê năm"),
        ("Trường ĐHSP Hà Nội", "Trường đại học sư phạm Hà Nội"),
        ("37 chiếc 737 MAX", "ba mươi bảy chiếc bảy trăm ba mươi bảy mác"),
    ],
)
def test_broadcast_university_and_product_line_shorthands_read_as_words(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken
