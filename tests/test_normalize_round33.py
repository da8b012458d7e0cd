"""Round thirty-three's classes (issue 29): each reading the round-thirty-three set of headlines,
briefs, captions, notices and quotes found missing, pinned with a case of the same class that
must keep its old reading."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("biển số 30E-123.45", "biển số ba không e, một hai ba bốn năm"),
        (
            "xe mang biển kiểm soát 29E1-123.45",
            "xe mang biển kiểm soát hai chín e một, một hai ba bốn năm",
        ),
        ("còn 1e-3 là một phần nghìn", "còn một nhân mười mũ trừ ba là một phần nghìn"),
        ("tốc độ 3e8 m/s", "tốc độ ba nhân mười mũ tám m trên giây"),
    ],
)
def test_a_number_plate_with_the_letter_e_is_no_power_of_ten(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Trao quà cho hộ nghèo. Ảnh: H.Anh", "Trao quà cho hộ nghèo. Ảnh: hát. Anh"),
        ("Bài và ảnh: Q.Huy", "Bài và ảnh: quy. Huy"),
        ("(Ảnh: P.Linh)", "Ảnh: pê. Linh"),
        ("Trụ sở UBND H.Ba Vì. Ảnh: Đức Anh", "Trụ sở ủy ban nhân dân huyện Ba Vì. Ảnh: Đức Anh"),
        ("Ảnh chụp tại Q.1 sáng nay.", "Ảnh chụp tại quận một sáng nay."),
    ],
)
def test_a_capital_and_dot_after_a_credit_and_its_colon_is_an_initial(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("(Ảnh: Nhật Bắc/VGP)", "Ảnh: Nhật Bắc, vê giê pê"),
        ("Ảnh: H.Anh/Báo Tuyên Quang", "Ảnh: hát. Anh, Báo Tuyên Quang"),
        (
            "Theo đó, học sinh/sinh viên được giảm giá.",
            "Theo đó, học sinh hoặc sinh viên được giảm giá.",
        ),
        ("Ảnh: giá 20.000 đồng/kg", "Ảnh: giá hai mươi nghìn đồng trên ki lô gam"),
    ],
)
def test_a_slash_after_a_credits_name_is_a_pause_before_the_agency(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Ảnh: Hồ Cầu/Vietnam+", "Ảnh: Hồ Cầu, Vietnam plus"),
        ("Xem phim trên Disney+.", "Xem phim trên Disney plus."),
        ("Kênh K+ phát sóng trực tiếp.", "Kênh ca cộng phát sóng trực tiếp."),
        ("Học sinh đạt điểm A+ môn Toán.", "Học sinh đạt điểm a cộng môn Toán."),
        ("Người 60+ được tiêm miễn phí.", "Người sáu mươi cộng được tiêm miễn phí."),
    ],
)
def test_a_plus_glued_to_a_foreign_name_is_part_of_the_brand(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("VOV.VN - Giá vàng tăng.", "vê o vê chấm vê en, Giá vàng tăng."),
        ("Trang CAND.COM.VN đưa tin.", "Trang xê a en dê chấm com chấm vê en đưa tin."),
        ("Các tỉnh phía Bắc VN có mưa.", "Các tỉnh phía Bắc Việt Nam có mưa."),
        ("Sáng nay tại TP.HCM trời mưa.", "Sáng nay tại thành phố Hồ Chí Minh trời mưa."),
    ],
)
def test_a_site_written_in_capitals_is_spelled_with_its_dots(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "Đoàn tàu SE21/SE22 chạy hằng ngày.",
            "Đoàn tàu ét e hai mươi mốt, ét e hai mươi hai chạy hằng ngày.",
        ),
        ("Học bằng lái B1/B2 mất 3 tháng.", "Học bằng lái bê một, bê hai mất ba tháng."),
        ("giá 5 USD/m2", "giá năm đô la Mỹ trên mét vuông"),
        ("Cúm A/H5N1 lây lan.", "Cúm a hát năm en một lây lan."),
    ],
)
def test_two_codes_of_one_series_joined_by_a_slash_are_a_pair(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Tay đua Lewis Hamilton (Ferrari) về P4.", "Tay đua Lewis Hamilton, Ferrari, về pê bốn."),
        ("Hamilton về P3.", "Hamilton về pê ba."),
        (
            "Ông Hùng (trưởng thôn) về P3 sinh sống.",
            "Ông Hùng, trưởng thôn, về phường ba sinh sống.",
        ),
    ],
)
def test_a_drivers_team_in_brackets_keeps_p_a_race_position(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Ảnh: CA cung cấp", "Ảnh: công an cung cấp"),
        ("Tôi đến từ CA (Mỹ).", "Tôi đến từ xê a, Mỹ."),
    ],
)
def test_ca_before_cung_cap_is_the_police(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
