"""Round four of the normalizer: the error classes of a peer's own test suite (sea-g2p 0.10.0),
pinned with our own examples: maths, compact amounts, durations, sums, Roman numerals, web paths,
emphasis words."""

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
        ("1,000,000 người", "một triệu người"),
        ("giá $1,299.99", "giá một nghìn hai trăm chín mươi chín phẩy chín mươi chín đô la"),
        ("3.2e5 km", "ba chấm hai nhân mười mũ năm ki lô mét"),
        ("nồng độ 10^-3 mol", "nồng độ mười mũ trừ ba mol"),
        ("nhiệt độ âm -5 độ C", "nhiệt độ âm năm độ xê"),
        ("anh ấy cao 1m75", "anh ấy cao một mét bảy mươi lăm"),
        ("lương 1tr5", "lương một triệu năm trăm nghìn"),
        ("về đích sau 27:45", "về đích sau hai mươi bảy phút bốn mươi lăm giây"),
        ("lúc 01:02:03", "lúc một giờ hai phút ba giây"),
        ("tỉ lệ 1:2:3", "tỉ lệ một trên hai trên ba"),
        ("23 - 45 = -22", "hai mươi ba trừ bốn mươi lăm bằng âm hai mươi hai"),
        ("Việt Nam 2-1 Thái Lan", "việt nam hai một thái lan"),
        ("chung cuộc 4-2", "chung cuộc bốn hai"),
        ("vua Louis XIV", "vua louis mười bốn"),
        ("thế chiến II", "thế chiến hai"),
        ("đổ 3/4 cốc nước", "đổ ba phần bốn cốc nước | đổ ba trên bốn cốc nước"),
    ],
)
def test_the_peer_suites_error_classes_are_read(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "Địa chỉ IP là 192.168.1.1",
            "địa chỉ i pê là một chín hai chấm một sáu tám chấm một chấm một",
        ),
        ("phiên bản 1.25.3", "phiên bản một chấm hai mươi lăm chấm ba"),
        (
            "Repo nằm ở github.com/user/project.",
            "repo nằm ở github chấm com gạch chéo user gạch chéo project",
        ),
        ("tệp ở /home/user", "tệp ở gạch chéo home gạch chéo user"),
        ("tên user_dev", "tên user gạch dưới dev"),
    ],
)
def test_addresses_versions_and_paths_are_read_part_by_part(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("nó KHEN tôi mãi", "nó khen tôi mãi"),
        ("MUA 2 tặng 1", "mua hai tặng một"),
        ("chuẩn USB", "chuẩn u ét bê"),
        ("chỉ số BMI", "chỉ số bê em i"),
    ],
)
def test_an_all_caps_word_of_emphasis_is_a_word_and_an_acronym_is_spelled(
    written: str, spoken: str
) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("II. CƠ CẤU TỔ CHỨC", "hai cơ cấu tổ chức"),
        ("III. Về đề nghị khen thưởng", "ba về đề nghị khen thưởng"),
        ("I. VỀ ĐỀ NGHỊ", "một về đề nghị"),
        ("X. PHỤ LỤC", "mười phụ lục"),
        ("V. Nguyễn Văn A", "v nguyễn văn a | vê nguyễn văn a"),
        ("X. Tân Lập", "xã tân lập"),
    ],
)
def test_a_roman_numeral_heading_a_line_is_a_number_not_a_commune(
    written: str, spoken: str
) -> None:
    _check(written, spoken)
