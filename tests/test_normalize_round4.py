"""Round four of the normalizer: never a wrong word, and the classes of issue 29."""

from __future__ import annotations

import re

import pytest

from app.speech.normalize import normalize
from app.speech.normalize.acronyms import spell
from app.speech.normalize.ambiguous import ambiguous_rules
from app.speech.normalize.compounds import _variants
from app.speech.normalize.tables import data_table
from tests.normalize_cases import accepted, comparable

_JOINERS = ("&", " & ", "-", " - ", "/")
_FILLER = "XZ"  # letters no table names, spelled "ích dét"


def _short_entries() -> list[str]:
    """Every abbreviation of three letters or fewer (letters only) the tables expand."""
    tables = data_table("abbreviations.tsv") | data_table("document_codes.tsv")
    tables |= data_table("titles.tsv")
    keys = {
        k
        for k in tables
        if re.fullmatch(r"[A-ZĐ][A-Za-zĐđ]{1,2}", k) and sum(c.isupper() for c in k) >= 2
    }
    keys |= set(ambiguous_rules())
    return sorted(keys)


def _in_a_table(compound: str) -> bool:
    """Whether some written form of ``compound`` is a table entry of its own."""
    table = data_table("abbreviations.tsv")
    return any(form in table for form in _variants(compound))


@pytest.mark.parametrize("joiner", _JOINERS)
def test_no_short_entry_is_expanded_inside_a_compound_of_any_shape(joiner: str) -> None:
    misses = []
    for key in _short_entries():
        for compound in (f"{key}{joiner}{_FILLER}", f"{_FILLER}{joiner}{key}"):
            if _in_a_table(compound):
                continue
            spoken = comparable(normalize(f"Bản tin về {compound} hôm nay."))
            if f" {comparable(spell(key))} " not in f" {spoken} ":
                misses.append(f"{compound}: {spoken}")
    assert not misses, misses[:20]


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Sở KH&CN Hà Nội", "sở khoa học và công nghệ hà nội"),
        ("Sở KH-CN Hà Nội", "sở khoa học công nghệ hà nội"),
        ("Sở KH & CN tỉnh", "sở khoa học và công nghệ tỉnh"),
        ("ngành GD-ĐT Hà Nội", "ngành giáo dục đào tạo hà nội"),
        ("Sở GD & ĐT", "sở giáo dục và đào tạo"),
        ("Thường trực HĐND-UBND tỉnh", "thường trực hội đồng nhân dân ủy ban nhân dân tỉnh"),
        ("Sở VH, TT&DL tổ chức", "sở văn hóa thể thao và du lịch tổ chức"),
        ("ca nhiễm HIV/AIDS", "ca nhiễm hát i vê ết"),
    ],
)
def test_a_compound_is_read_from_the_entry_for_the_whole(written: str, spoken: str) -> None:
    assert accepted(normalize(written), spoken), normalize(written)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Sở KH&XZ Hà Nội", "sở ca hát và ích dét hà nội"),
        ("ngành GD-XZ Hà Nội", "ngành giê dê ích dét hà nội"),
        ("Hội nghị ASEAN-XZ", "hội nghị a xê an ích dét"),
    ],
)
def test_a_compound_no_entry_names_is_spelled_not_guessed(written: str, spoken: str) -> None:
    assert accepted(normalize(written), spoken), normalize(written)


@pytest.mark.parametrize("key", sorted(ambiguous_rules()))
def test_an_ambiguous_entry_is_spelled_when_the_sentence_does_not_decide(key: str) -> None:
    spoken = normalize(f"Anh ấy nhắc đến {key} này.")
    assert accepted(spoken, f"Anh ấy nhắc đến {spell(key)} này."), spoken


@pytest.mark.parametrize("key", sorted(ambiguous_rules()))
def test_an_ambiguous_entry_is_spelled_inside_a_compound(key: str) -> None:
    for joiner in _JOINERS:
        compound = f"{key}{joiner}{_FILLER}"
        spoken = normalize(f"Bản tin {compound} mới.")
        assert f" {comparable(spell(key))} " in f" {comparable(spoken)} ", spoken


# Each ambiguous entry, in a sentence that decides it, and what it reads.
_DECIDED = [
    ("Công ty CP Sữa Việt Nam", "công ty cổ phần sữa việt nam"),
    ("Văn phòng CP vừa thông báo", "văn phòng chính phủ vừa thông báo"),
    ("ĐT Việt Nam thắng", "đội tuyển việt nam thắng"),
    ("ĐT: 0912 345 678", "điện thoại không chín một hai ba bốn năm sáu bảy tám"),
    ("mở rộng ĐT.741", "mở rộng đường tỉnh bảy trăm bốn mươi mốt"),
    ("theo QĐ số 45", "theo quyết định số bốn mươi lăm"),
    ("QĐ nhân dân Việt Nam", "quân đội nhân dân việt nam"),
    ("HS lớp 9 được nghỉ", "học sinh lớp chín được nghỉ"),
    ("nộp HS tại bộ phận một cửa", "nộp hồ sơ tại bộ phận một cửa"),
    ("TS Nguyễn Văn An", "tiến sĩ nguyễn văn an"),
    ("BS Trần Thị Bình", "bác sĩ trần thị bình"),
    ("gia đình BN cho biết", "gia đình bệnh nhân cho biết"),
    ("Đoàn TTVN dự giải", "đoàn thể thao việt nam dự giải"),
    ("chụp CT sọ não", "chụp xê tê sọ não"),
    ("tuyến CT.01", "tuyến cao tốc một | tuyến cao tốc không một"),
    ("TT. Phú Thông", "thị trấn phú thông"),
    ("theo TT số 12", "theo thông tư số mười hai"),
    ("sáp nhập TT Bằng Lũng", "sáp nhập thị trấn bằng lũng"),
    ("gồm xã Ngọc Phái, TT Bằng Lũng", "gồm xã ngọc phái thị trấn bằng lũng"),
    ("trường TH Kim Đồng", "trường tiểu học kim đồng"),
    ("Đài PT&TH tỉnh", "đài phát thanh và truyền hình tỉnh"),
    ("Trường ĐH Bách khoa", "trường đại học bách khoa"),
    ("ĐH Đảng bộ tỉnh", "đại hội đảng bộ tỉnh"),
    ("trường CĐ nghề", "trường cao đẳng nghề"),
    ("chủ tịch CĐ cơ sở", "chủ tịch công đoàn cơ sở"),
    ("trường MN Hoa Sen", "trường mầm non hoa sen"),
    ("KS Lê Văn Tám", "kỹ sư lê văn tám"),
    ("căn hộ 2 PN", "căn hộ hai phòng ngủ"),
    ("hội PN xã", "hội phụ nữ xã"),
    ("anh Tuấn, SN 1985", "anh tuấn sinh năm một nghìn chín trăm tám mươi lăm"),
    ("đại diện BTC cho biết", "đại diện ban tổ chức cho biết"),
    ("tiêm vắc xin LMLM và THT", "tiêm vắc xin lở mồm long móng và tụ huyết trùng"),
    ("thành lập THT trồng rau", "thành lập tổ hợp tác trồng rau"),
    ("Ủy viên BCT", "ủy viên bộ chính trị"),
    ("Bộ trưởng BCT", "bộ trưởng bộ công thương"),
    ("BTV Tỉnh ủy họp", "ban thường vụ tỉnh ủy họp"),
    ("kết nạp ĐV mới", "kết nạp đảng viên mới"),
    ("năm 208 TCN", "năm hai trăm linh tám trước công nguyên"),
    ("mở cửa thứ 7 và CN", "mở cửa thứ bảy và chủ nhật"),
    ("các GV, NV của trường", "các giáo viên nhân viên của trường"),
    ("hoàn thành NV được giao", "hoàn thành nhiệm vụ được giao"),
    ("lũ trên BĐ III", "lũ trên báo động ba"),
    ("mã CK: ABC", "mã chứng khoán a bê xê"),
    ("DT 4x15m", "diện tích bốn nhân mười lăm mét"),
    ("LH 0988 777 555", "liên hệ không chín tám tám bảy bảy bảy năm năm năm"),
    ("vượt 1,2% KH", "vượt một phẩy hai phần trăm kế hoạch"),
    ("CQĐT Công an tỉnh đã khởi tố", "cơ quan điều tra công an tỉnh đã khởi tố"),
    ("xây dựng CQĐT", "xây dựng chính quyền điện tử"),
    ("cắt điện TBA Đông Anh 3", "cắt điện trạm biến áp đông anh ba"),
    ("học lực xếp loại TB", "học lực xếp loại trung bình"),
    ("từ mức TB trở lên", "từ mức trung bình trở lên"),
    ("theo TB số 12 của Sở", "theo thông báo số mười hai của sở"),
    ("xe BKS 29A-123.45", "xe biển kiểm soát hai chín a, một hai ba bốn năm"),
    ("Trưởng BKS công ty từ nhiệm", "trưởng ban kiểm soát công ty từ nhiệm"),
    ("bệnh nhân THA độ 2", "bệnh nhân tăng huyết áp độ hai"),
    ("Cục THA dân sự tỉnh", "cục thi hành án dân sự tỉnh"),
    ("tỷ trọng KTS trong GDP", "tỷ trọng kinh tế số trong giê đê pê"),
    ("là KTS của dự án", "là kiến trúc sư của dự án"),
    ("Giám đốc CA tỉnh", "giám đốc công an tỉnh"),
    ("các đồng chí UV BTV Tỉnh ủy", "các đồng chí ủy viên ban thường vụ tỉnh ủy"),
    ("các tổ chức CT-XH trên địa bàn", "các tổ chức chính trị xã hội trên địa bàn"),
    ("Trung tâm CT-XH tỉnh", "trung tâm công tác xã hội tỉnh"),
    (
        "chế độ TNLĐ, BNN cho người lao động",
        "chế độ tai nạn lao động bệnh nghề nghiệp cho người lao động",
    ),
    ("với 434 ĐB tán thành", "với bốn trăm ba mươi tư đại biểu tán thành"),
    ("vùng ĐB sông Hồng", "vùng đồng bằng sông hồng"),
    ("tỷ giá INR tăng", "tỷ giá ru pi ấn độ tăng"),
    ("chỉ số INR ổn định", "chỉ số i en e rờ ổn định"),
]


@pytest.mark.parametrize(("written", "spoken"), _DECIDED)
def test_an_ambiguous_entry_reads_as_its_sentence_decides(written: str, spoken: str) -> None:
    assert accepted(normalize(written), spoken), normalize(written)


def test_every_ambiguous_entry_has_a_deciding_example() -> None:
    decided = {
        k for k in ambiguous_rules() if any(re.search(rf"(?<!\w){k}(?!\w)", w) for w, _ in _DECIDED)
    }
    assert decided == set(ambiguous_rules())


def _check(written: str, spoken: str) -> None:
    """``normalize(written)`` is one of the accepted ``spoken`` forms."""
    assert accepted(normalize(written), spoken), normalize(written)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("tại P. Bến Nghé, Q.1", "tại phường bến nghé quận một"),
        ("cháy ở P.12, Q.Gò Vấp", "cháy ở phường mười hai quận gò vấp"),
        ("dự án ở Q7 và Q.Bình Thạnh", "dự án ở quận bảy và quận bình thạnh"),
        ("nhà ở P.5, Q3, TP.HCM", "nhà ở phường năm quận ba thành phố hồ chí minh"),
        ("doanh thu Q1 tăng 12%", "doanh thu quý một tăng mười hai phần trăm"),
        ("H.Ba Vì, TP Hà Nội", "huyện ba vì thành phố hà nội"),
        ("X.Tân Lập, H. Đan Phượng", "xã tân lập huyện đan phượng"),
        ("TX. Sơn Tây có 15 phường", "thị xã sơn tây có mười lăm phường"),
        ("TP. Vinh đón khách", "thành phố vinh đón khách"),
        ("TT. Phú Thông, H. Bạch Thông", "thị trấn phú thông huyện bạch thông"),
        ("bà Nguyễn Thị H. Sau đó", "bà nguyễn thị hát sau đó"),
    ],
)
def test_an_administrative_unit_before_a_name_or_number_is_read(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("đoạn QL1A qua Quảng Ngãi", "đoạn quốc lộ một a qua quảng ngãi"),
        ("tuyến QL 279 sạt lở", "tuyến quốc lộ hai trăm bảy mươi chín sạt lở"),
        ("QL.14 bị chia cắt", "quốc lộ mười bốn bị chia cắt"),
        ("TL10 qua huyện", "tỉnh lộ mười qua huyện"),
        ("ĐT 741 đoạn qua Đồng Xoài", "đường tỉnh bảy trăm bốn mươi mốt đoạn qua đồng xoài"),
        ("tuyến HL.12 và ĐH.5", "tuyến huyện lộ mười hai và đường huyện năm"),
        ("cao tốc CT.01 Bắc - Nam", "cao tốc một bắc nam | cao tốc không một bắc nam"),
        ("chụp CT 512 lát cắt", "chụp xê tê năm trăm mười hai lát cắt"),
    ],
)
def test_a_road_class_before_its_number_is_read(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("mở cửa từ T2 - T6, sáng T7", "mở cửa từ thứ hai đến thứ sáu sáng thứ bảy"),
        ("làm việc T2-T7, CN nghỉ", "làm việc thứ hai đến thứ bảy chủ nhật nghỉ"),
        ("lịch học thứ 2, 4, 6", "lịch học thứ hai thứ tư thứ sáu"),
        ("học thứ 3, 5 và 7", "học thứ ba thứ năm và thứ bảy"),
        ("khám bệnh thứ 2 - 6 hằng tuần", "khám bệnh thứ hai đến thứ sáu hằng tuần"),
        ("họp vào T5, 12/9", "họp vào thứ năm ngày mười hai tháng chín"),
        ("xếp thứ 2 chung cuộc", "xếp thứ hai chung cuộc"),
        ("tòa T2, T3 đã bàn giao", "tòa tê hai tê ba đã bàn giao"),
        ("tòa nhà T1 và T2", "tòa nhà tê một và tê hai"),
    ],
)
def test_weekday_abbreviations_lists_and_ranges_are_read(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("số nhà 12/3 ngõ 45", "số nhà mười hai trên ba ngõ bốn mươi lăm"),
        ("nhà số 25/7 đường Lý Thường Kiệt", "nhà số hai mươi lăm trên bảy đường lý thường kiệt"),
        (
            "hẻm 123/45/6 đường Nguyễn Trãi",
            "hẻm một trăm hai mươi ba trên bốn mươi lăm trên sáu đường nguyễn trãi",
        ),
        ("ngách 15/2 ngõ 48", "ngách mười lăm trên hai ngõ bốn mươi tám"),
        ("kiệt 45/12 Hùng Vương", "kiệt bốn mươi lăm trên mười hai hùng vương"),
        ("số 12/3 Trần Phú", "số mười hai trên ba trần phú"),
    ],
)
def test_a_slash_in_an_address_is_never_a_date(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("pha theo tỷ lệ 1:3 với nước", "pha theo tỷ lệ một trên ba với nước"),
        ("tỷ lệ 1:20", "tỷ lệ một trên hai mươi"),
        ("tỉ lệ 2:1", "tỉ lệ hai trên một"),
        ("trộn 1:2 xi măng và cát", "trộn một trên hai xi măng và cát"),
        ("lúc 14:30", "lúc mười bốn giờ ba mươi phút"),
    ],
)
def test_a_ratio_is_no_time_of_day(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "Sinner thắng 3-1 (6-4, 3-6, 6-3, 7-5)",
            "sinner thắng ba một sáu bốn ba sáu sáu ba bảy năm",
        ),
        (
            "đội tuyển thắng 3-0 (25-20, 25-22, 25-18)",
            "đội tuyển thắng ba không hai mươi lăm hai mươi hai mươi lăm hai mươi hai"
            " hai mươi lăm mười tám",
        ),
        ("cô thua 1-2 (4-6, 6-3, 5-7)", "cô thua một hai bốn sáu sáu ba năm bảy"),
    ],
)
def test_set_scores_in_brackets_after_a_score_are_scores(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Học sinh/sinh viên", "học sinh hoặc sinh viên | học sinh sinh viên"),
        ("cá nhân và/hoặc tổ chức", "cá nhân và hoặc tổ chức"),
        ("cầu thủ/huấn luyện viên", "cầu thủ hoặc huấn luyện viên"),
        ("Tỷ lệ nam/nữ", "tỷ lệ nam trên nữ"),
        ("giá 50.000 đồng/người", "giá năm mươi nghìn đồng trên người"),
        ("2 tiết/tuần", "hai tiết trên tuần"),
    ],
)
def test_a_slash_between_words_is_a_choice_not_per(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("doanh thu 500 triệu NDT", "doanh thu năm trăm triệu nhân dân tệ"),
        ("giá 1.500 KRW", "giá một nghìn năm trăm won hàn quốc"),
        ("200 nghìn đ", "hai trăm nghìn đồng"),
        ("1 triệu VNĐ", "một triệu đồng"),
        ("100 EUR", "một trăm ơ rô"),
        ("5.000 JPY", "năm nghìn yên nhật | năm nghìn yên"),
        ("đồng NDT mất giá", "đồng nhân dân tệ mất giá"),
    ],
)
def test_currency_abbreviations_of_the_press_are_read(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("VQG Cúc Phương", "vườn quốc gia cúc phương"),
        ("Nxb Kim Đồng", "nhà xuất bản kim đồng"),
        ("NXB Trẻ", "nhà xuất bản trẻ"),
        ("KBTTN Pù Mát", "khu bảo tồn thiên nhiên pù mát"),
        ("Ủy ban MTTQ Việt Nam", "ủy ban mặt trận tổ quốc việt nam"),
        ("HLHPN tỉnh", "hội liên hiệp phụ nữ tỉnh"),
    ],
)
def test_institutional_abbreviations_of_the_news_are_read(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("7g sáng mai", "bảy giờ sáng mai"),
        ("lúc 19g ngày 5/9", "lúc mười chín giờ ngày năm tháng chín"),
        ("từ 7g - 11g", "từ bảy giờ đến mười một giờ"),
        ("7g30 tối", "bảy giờ ba mươi phút tối"),
        ("cân 200g thịt", "cân hai trăm gam thịt"),
        ("thêm 5g muối", "thêm năm gam muối"),
    ],
)
def test_g_is_an_hour_beside_a_time_of_day_and_a_gram_beside_a_weight(
    written: str, spoken: str
) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Q3/2024 doanh thu tăng", "quý ba năm hai nghìn không trăm hai mươi tư doanh thu tăng"),
        ("trong Q1 năm 2025", "trong quý một năm hai nghìn không trăm hai mươi lăm"),
        ("kết quả Q4-2025", "kết quả quý bốn năm hai nghìn không trăm hai mươi lăm"),
    ],
)
def test_a_quarter_written_q_is_a_quarter(written: str, spoken: str) -> None:
    _check(written, spoken)
