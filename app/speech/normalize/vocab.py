"""The words numbers, dates and times are read with (Northern Vietnamese)."""

from __future__ import annotations

from typing import Final

DIGITS: Final = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
TEN: Final = "mười"  # 10..19
TENS: Final = "mươi"  # 20, 30, ... ("hai mươi")
HUNDRED: Final = "trăm"
ZERO_TENS: Final = "linh"  # 105 = "một trăm linh năm"
# Units digit after "mươi": 21 "hai mươi mốt", 24 "hai mươi tư", 25 "hai mươi lăm".
UNITS_AFTER_TENS: Final = {1: "mốt", 4: "tư", 5: "lăm"}
# Units digit after "mười": 15 "mười lăm" (14 stays "mười bốn" in the North).
UNITS_AFTER_TEN: Final = {5: "lăm"}
# Scale words for 10^3, 10^6, 10^9; larger numbers repeat them ("một nghìn tỷ").
THOUSAND: Final = "nghìn"
MILLION: Final = "triệu"
BILLION: Final = "tỷ"
DECIMAL_COMMA: Final = "phẩy"  # 12,5 = "mười hai phẩy năm"
DOT: Final = "chấm"  # a dot that is not a thousands separator (versions, web addresses)
LONGEST_NUMBER: Final = 18  # digits; longer strings are read digit by digit

ORDINALS: Final = {1: "nhất", 4: "tư"}  # "thứ nhất", "thứ tư"; others read as numbers
MONTHS: Final = {4: "tư"}  # "tháng tư"; others read as numbers ("tháng một", "tháng mười hai")

DAY: Final = "ngày"
MONTH: Final = "tháng"
YEAR: Final = "năm"
QUARTER: Final = "quý"
HOUR: Final = "giờ"
MINUTE: Final = "phút"
RANGE: Final = "đến"  # 2021 - 2025, 15 - 20 phút
# A date after these gets no extra "ngày"; a street is named for a date ("đường 3/2").
DAY_MARKERS: Final = ("ngày", "mùng", "mồng", "hôm", "đường", "phố")
# After these words "21-9" is a date, not the range 21 to 9 ("Sáng 21-9", "ngày 2-9").
DATE_CONTEXT: Final = (
    *("ngày", "mùng", "mồng", "sáng", "trưa", "chiều", "tối", "đêm", "hôm"),
    *("sáng nay", "trưa nay", "chiều nay", "tối nay", "đêm nay", "hôm nay"),
)
MINUS: Final = "âm"  # -5°C
PER: Final = "trên"  # km/h, người/km2
FRACTION: Final = "phần"  # 2/3 = "hai phần ba"
TIMES: Final = "nhân"  # 3x4 = "ba nhân bốn"
