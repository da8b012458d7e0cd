"""Round four of the normalizer, the peer suite's number classes (sea-g2p 0.10.0) pinned with our
own examples: digit grouping, amounts and their units, codes, ratios, abbreviations; each with a
case from ordinary news text where the rule must not fire."""

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
        ("nợ 1.000.000.000.000.000.000 đồng", "nợ một tỷ tỷ đồng"),
        ("dân số 1\u202f000\u202f000 người", "dân số một triệu người"),
        ("giá 25\u2009000 đồng", "giá hai mươi lăm nghìn đồng"),
        ("trường hợp 1,23,4", "trường hợp một phẩy hai ba phẩy bốn"),
        ("chuỗi 1.2.3,4", "chuỗi một chấm hai chấm ba phẩy bốn"),
    ],
)
def test_grouped_and_odd_digit_groups_are_read_as_written(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("khoản vay 1.000,00 EUR", "khoản vay một nghìn ơ rô"),
        ("thu 1,000.00 USD", "thu một nghìn đô la mỹ"),
        ("giá $1,299.00", "giá một nghìn hai trăm chín mươi chín đô la"),
        # Not a price: the zeros are said.
        ("tăng 2,00 điểm", "tăng hai phẩy không không điểm"),
        ("giá 5,005 USD", "giá năm phẩy không không năm đô la mỹ"),
    ],
)
def test_a_prices_zero_cents_go_unsaid(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("căn phòng 50m2", "căn phòng năm mươi mét vuông"),
        ("đổ 20m3 bê tông", "đổ hai mươi mét khối bê tông"),
        ("em bé cao 1m2", "em bé cao một mét hai"),
        ("anh cao 1m75", "anh cao một mét bảy mươi lăm"),
        ("màn hình 24in", "màn hình hai mươi tư inch"),
        ("máy 3 in 1", "máy ba in một"),
        ("độ phân giải 300dpi", "độ phân giải ba trăm đê pê i"),
        ("nhịp tim 80 bpm", "nhịp tim tám mươi bê pê em"),
        ("bể 100cum", "bể một trăm mét khối"),
        ("học sinh khối 12L", "học sinh khối mười hai e lờ"),
        ("mua 12L nước", "mua mười hai lít nước"),
    ],
)
def test_units_against_their_number_are_read_by_what_they_measure(
    written: str, spoken: str
) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("triển khai Đề án 06 và Chỉ thị 04", "triển khai đề án không sáu và chỉ thị không bốn"),
        ("mã 01/13 không phải ngày", "mã không một trên mười ba không phải ngày"),
        ("mẫu 32/01", "mẫu ba mươi hai trên không một"),
        # A count and a date with a leading zero, and a number after "số", are read as numbers.
        ("gồm 03 người", "gồm ba người"),
        ("ngày 01/02", "ngày một tháng hai"),
        ("theo Thông tư số 05", "theo thông tư số năm"),
    ],
)
def test_a_leading_zero_is_said_in_a_name_or_a_code(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("đồng hồ chỉ 12:00:00 giây", "đồng hồ chỉ mười hai giờ không phút không giây"),
        ("đúng 12:00 giờ", "đúng mười hai giờ"),
        ("lúc 12:00", "lúc mười hai giờ"),
    ],
)
def test_a_times_unit_is_said_once(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "mã số thuế cá nhân: 8123456789-001",
            "mã số thuế cá nhân tám một hai ba bốn năm sáu bảy tám chín không không một",
        ),
        ("chip Core i9-14900K", "chip core i chín mười bốn nghìn chín trăm ca"),
        ("máy tính TX-0", "máy tính tê ích không"),
        ("Điều 5-10 Luật Hình sự", "điều năm đến mười luật hình sự"),
        # Not a code: a range of hours, a score between teams, a town.
        ("lúc 7h-11h", "lúc bảy giờ đến mười một giờ"),
        ("Việt Nam 2-1 Thái Lan", "việt nam hai một thái lan"),
        ("TX. Sơn Tây", "thị xã sơn tây"),
        ("gọi cho anh Nam: 3 lần", "gọi cho anh nam ba lần"),
    ],
)
def test_codes_and_numbered_parts_are_no_range_nor_score(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("chỉ số nợ/vốn là 1.5:1", "chỉ số nợ trên vốn là một chấm năm trên một"),
        ("pha theo tỷ lệ 1:2,5", "pha theo tỷ lệ một trên hai phẩy năm"),
        # A score stays a score, a choice stays a choice.
        ("tỷ số 3:2", "tỷ số ba hai"),
        ("học sinh/sinh viên", "học sinh hoặc sinh viên"),
    ],
)
def test_ratios_with_decimals_and_ratio_words(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("kỹ sư AI/ML", "kỹ sư a i em e lờ"),
        ("áo size S/M/L", "áo size ét mờ e lờ"),
        ("phương án A/B", "phương án a hoặc bê"),
        ("tỷ giá USD/EUR", "tỷ giá đô la mỹ trên ơ rô"),
        ("tỷ giá VND/USD", "tỷ giá đồng trên đô la mỹ"),
        ("chỉ số P/E cao", "chỉ số pê trên e cao"),
        # A compound with an entry for the whole, and a flu strain, keep their readings.
        ("HĐND/UBND", "hội đồng nhân dân và ủy ban nhân dân"),
        ("virus A/H5N1", "virus a hát năm en một"),
    ],
)
def test_a_slash_between_capitals_is_a_pause_a_choice_or_a_rate(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("lợi nhuận trên vốn ROE và ROA", "lợi nhuận trên vốn e rờ o e và e rờ o a"),
        ("bộ nhớ ROM", "bộ nhớ rom"),
        ("bà PTGĐ xuống xưởng", "bà phó tổng giám đốc xuống xưởng"),
        ("FED tăng lãi suất, Nasdaq giảm", "phét tăng lãi suất nát đác giảm"),
        ("thi TOEIC", "thi tô ích"),
        ("kí tự w", "kí tự vê kép"),
        ("nhà ở Đ. Lê Lợi", "nhà ở đường lê lợi"),
        ("Đ.3/2", "đường ba tháng hai"),
        # An initial after a name, a word after "chữ", a date after "ngày" are left as they are.
        ("Nguyễn Văn Đ. cho biết", "nguyễn văn đê cho biết"),
        ("chữ ký", "chữ ký"),
        ("ngày 3/2", "ngày ba tháng hai"),
    ],
)
def test_abbreviations_letters_and_streets_news_reads(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("đơn hàng #45021 đã rời kho", "đơn hàng bốn năm không hai một đã rời kho"),
        # A rank after "#" is "số" and its number; a decimal keeps its reading.
        ("xếp hạng #10", "xếp hạng số mười"),
        ("Top #1 thế giới", "Top số một thế giới"),
        ("tăng #1.5", "tăng một chấm năm"),
    ],
)
def test_a_hash_code_is_read_digit_by_digit_and_a_rank_as_so(written: str, spoken: str) -> None:
    _check(written, spoken)
