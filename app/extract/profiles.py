"""Rule data for extraction: portal-family profiles, chrome strings, author and date patterns.

Everything a portal operator may need to extend lives here as constants; the logic that reads
them is in the sibling modules. Hints are matched case-insensitively as substrings of an
element's ``id`` and ``class`` attributes, so one hint covers ``ContentNews``, ``content-news``
and ``news_content_detail`` alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PortalProfile:
    """One family of portal pages: how to recognise it and where its parts live."""

    name: str
    markers: tuple[str, ...]  # XPath predicates; any element meeting one marks the family
    body: tuple[str, ...]  # id/class hints of the article body container
    title: tuple[str, ...]  # id/class hints of the title element
    lead: tuple[str, ...]  # id/class hints of the sapo (lead paragraph)
    date: tuple[str, ...]  # id/class hints of the element carrying the publication date
    author: tuple[str, ...]  # id/class hints of a separate author element
    drop_boilerplate: bool = False  # drop link lists, teasers and credits (see boilerplate.py)
    max_link_share: float = 1.0  # a block with more of its text in links is dropped


_BODY_HINTS = (
    "contentnews",
    "content-news",
    "content_news",
    "newscontent",
    "news-content",
    "news_content",
    "noidung",
    "noi-dung",
    "noi_dung",
    "articlecontent",
    "article-content",
    "article_content",
    "detail-content",
    "detailcontent",
    "chitiet-noidung",
    "news-body",
    "newsbody",
    "rtestate-field",
)
_TITLE_HINTS = ("title-news", "titlenews", "news-title", "newstitle", "tieude", "tieu-de")
_LEAD_HINTS = (
    "sapo",
    "tomtat",
    "tom-tat",
    "trichyeu",
    "trich-yeu",
    "lead",
    "summary",
    "chapeau",
    "description",
)
# Lead hints common outside articles too (cookie banners, teasers, product boxes): a box with one
# of these is a sapo only beside the title, under the same parent or grandparent as its heading.
LEAD_NEAR_TITLE_HINTS: tuple[str, ...] = ("description",)
LEAD_TITLE_LEVELS = 2
_DATE_HINTS = ("date", "ngaydang", "ngay-dang", "publish", "time", "ngay")
_AUTHOR_HINTS = ("author", "tacgia", "tac-gia", "nguon-tin", "butdanh")

PROFILES: tuple[PortalProfile, ...] = (
    PortalProfile(
        name="sharepoint-publishing",
        markers=(
            "contains(@class, 'ms-rtestate-field')",
            "starts-with(@id, 'MSOZoneCell_')",
            "contains(@class, 'ms-webpart-zone')",
            "contains(@title, 'PublishingPortal')",
            "self::link[contains(@href, '/_layouts/')]",
        ),
        body=_BODY_HINTS,
        title=_TITLE_HINTS,
        lead=_LEAD_HINTS,
        date=_DATE_HINTS,
        author=_AUTHOR_HINTS,
    ),
    PortalProfile(
        # Liferay portals: the article is a web content (journal) article inside a portlet.
        name="liferay-journal",
        markers=("contains(@class, 'journal-content-article')",),
        body=_BODY_HINTS + ("journal-content-article",),
        title=_TITLE_HINTS,
        lead=_LEAD_HINTS,
        date=_DATE_HINTS,
        author=_AUTHOR_HINTS,
    ),
    PortalProfile(
        # Other Vietnamese government CMSs name their parts the same way in Vietnamese.
        name="vn-portal",
        markers=(
            "self::meta[@name='generator' and contains(@content, 'Portal')]",
            "contains(@class, 'noidung') or contains(@id, 'noidung')",
            "contains(@class, 'chitiet') or contains(@id, 'chitiet')",
        ),
        body=_BODY_HINTS + ("chitiet",),
        title=_TITLE_HINTS,
        lead=_LEAD_HINTS,
        date=_DATE_HINTS,
        author=_AUTHOR_HINTS,
    ),
)

# A body candidate needs at least this much text to count as the article body, and an article
# at least this much paragraph text (menus and toolbars that trafilatura returns fall below it).
MIN_BODY_CHARS = 80
MIN_ARTICLE_CHARS = 80

# Inside the body, elements whose id/class holds one of these are chrome, removed before reading.
DROP_HINTS: tuple[str, ...] = (
    "toolbar",
    "share",
    "social",
    "btn-print",
    "font-size",
    "fontsize",
    "view-count",
    "viewcount",
    "luotxem",
    "luot-xem",
    "other-news",
    "othernews",
    "tinkhac",
    "tin-khac",
    "related",
    "lienquan",
    "lien-quan",
    "comment",
    "binhluan",
    "binh-luan",
    "breadcrumb",
    "rating",
    "webpart-chrome-title",
    "webpart-titletext",
)

# Tags never read as text.
SKIP_TAGS: tuple[str, ...] = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "input",
    "select",
    "button",
    "textarea",
    "marquee",
    "nav",
)

# Chrome strings (regular expressions, case-insensitive). A block made only of these, dates and
# punctuation is dropped.
CHROME_PATTERNS: tuple[str, ...] = (
    r"PublishingPortal\s*-\s*Block_\w+",
    r"Block_\w+",
    r"Tăng cỡ chữ",
    r"Giảm cỡ chữ",
    r"Cỡ chữ",
    r"In bài viết",
    r"In bài",
    r"In trang",
    r"Gửi email",
    r"Gửi bài viết",
    r"Chia sẻ",
    r"Lượt xem\s*:?\s*[\d.,]*",
    r"Số lượt xem\s*:?\s*[\d.,]*",
    r"Lượt truy cập\s*:?\s*[\d.,]*",
    r"Ngày đăng",
    r"Đăng ngày",
    r"Ngày cập nhật",
    r"Cập nhật",
    r"Ngày",
    r"lúc",
    r"Quay lại",
    r"Về đầu trang",
    r"Đầu trang",
    r"Facebook",
    r"Zalo",
    r"Twitter",
    r"A\+|A-",
)

# A toolbar line is short: longer blocks are never only chrome.
CHROME_MAX_CHARS = 300

# A short block starting with one of these ends the article: what follows is navigation.
STOP_PATTERNS: tuple[str, ...] = (
    r"Tin liên quan",
    r"Các tin khác",
    r"Tin khác",
    r"Các tin đã đưa",
    r"Tin cùng chuyên mục",
    r"Tin cùng loại",
    r"Bài viết liên quan",
    r"Các bài viết khác",
    r"Xem thêm",
    r"Tin mới",
    r"Ý kiến bạn đọc",
    r"Bình luận",
)
STOP_MAX_CHARS = 60

# Credit labels: "Tác giả:", "Tin, ảnh:", "Bài và ảnh:", "Tác giả - Nguồn:", "Thực hiện:".
CREDIT_LABELS: tuple[str, ...] = (
    r"Tác giả",
    r"Nguồn tin",
    r"Nguồn",
    r"Tin",
    r"Bài viết",
    r"Bài",
    r"Ảnh",
    r"Video",
    r"Clip",
    r"Thực hiện",
    r"Đồ họa",
    r"Phóng viên",
    r"Biên tập",
    r"Trình bày",
)
_LABEL = "(?:" + "|".join(CREDIT_LABELS) + ")"
CREDIT_LABEL = rf"{_LABEL}(?:\s*(?:,|-|–|/|&|\+|và)\s*{_LABEL})*\s*:"
# Signatures that name a newsroom role or agency: "Nhóm PV", "PV", "Ngọc Lan (CTV)", "TTXVN".
_ROLE = r"(?:PV|CTV|TTXVN|VNA|phóng viên|cộng tác viên)"
# Author lines at the end of the body; group "name" is the author. The first is a labelled credit.
AUTHOR_PATTERNS: tuple[str, ...] = (
    rf"^{CREDIT_LABEL}\s*(?P<name>.+?)\s*[./]*$",
    r"^\(?Theo\s+(?P<name>[^,;:]{2,80}?)\)?\s*[./]*$",
    rf"^(?P<name>(?:Nhóm\s+)?{_ROLE}|[^.:;()]{{2,40}}?\s*(?:\({_ROLE}\)|[-–]\s*{_ROLE}))\s*[./]*$",
)
# A labelled credit anywhere in the body names at most this many words ("Tin, ảnh: Lê Hằng").
CREDIT_NAME_MAX_WORDS = 6
AUTHOR_MAX_CHARS = 80
# Meta tags that may name the author (a URL there is a profile link, not a name).
AUTHOR_META = ("author", "article:author", "dc.creator", "byl")
# A right-aligned or bold last line is an author when it is this short.
AUTHOR_LINE_MAX_WORDS = 8
# How many trailing lines may be author/source lines.
AUTHOR_MAX_LINES = 2

# A sapo (lead) is one paragraph of this many characters; a longer or many-paragraph box hinted
# "lead" or "summary" is a body, not a sapo.
MIN_LEAD_CHARS = 40
MAX_LEAD_CHARS = 800
MAX_LEAD_PARAGRAPHS = 1

# A fully bold paragraph no longer than this, not ending a sentence, is a section heading.
HEADING_MAX_CHARS = 160
# A caption (centred or italic paragraph after a photo) is no longer than this.
CAPTION_MAX_CHARS = 600
# A layout table holding photos is a figure when its text is no longer than this.
FIGURE_TABLE_MAX_CHARS = 800
# A cell with more text than this makes its table a layout table (prose), not a data table.
LAYOUT_CELL_MIN_CHARS = 400
# A short paragraph ending with a photo credit is a caption: "… (Ảnh: TTXVN)", "(Photo: AP)".
CAPTION_CREDIT = (
    r"^.{0,300}\([^()]{0,40}\b(?:photo|image|picture|credit|ảnh|getty|reuters|afp"
    r"|associated press|shutterstock)\b[^()]{0,80}\)\s*$"
    r"|^\(?(?:photo|image|picture) credit\s*:.{0,80}$"
)
CAPTION_HINTS: tuple[str, ...] = (
    "caption",
    "chuthich",
    "chu-thich",
    "chu_thich",
    "desc",  # p.desc, image-desc; a box also hinted as a lead ("description") is a lead
    "figcaption",
    "photo-note",
    "img-note",
)
# How far up from a photo to look for the box that holds it alone (its caption follows the box).
PHOTO_BOX_LEVELS = 3
# A photo story: an article with no prose paragraph still stands when it has this many captions.
MIN_STORY_CAPTIONS = 2
# Alternative text that says nothing about the photo; a figure's caption replaces it.
MEANINGLESS_ALT: tuple[str, ...] = (
    r"",
    r"(?:ảnh|hình|hình ảnh|photo|image|img|picture|pic|minh họa)(?:\s*minh\s*họa)?[\s:_-]*\d*",
    r"(?:ảnh|hình)\s*:.{0,30}",
    r"\S+\.(?:jpe?g|png|gif|webp|bmp|tiff?)",
    r"(?:IMG|DSC|DSCN|DSCF|DJI|P)[_-]?\d+\S*",
    r"[\w]+(?:[-_][\w]+)+",  # a slug: "cao-toc-1", "truong_hoc_2"
    r"\d+",
)

# Dates: "21/09/2021", "21-9-2021", "Thứ Ba, 12/10/2021 09:15", "ngày 21 tháng 9 năm 2021".
DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<!\d)(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>(?:19|20)\d{2})(?!\d)"),
    re.compile(
        r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>(?:19|20)\d{2})",
        re.IGNORECASE,
    ),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)"),
)
WEEKDAY_PATTERN = r"(?:Thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|[2-7])|Chủ\s+nhật|CN)"
# Meta tags that may carry the publication date (ISO dates).
DATE_META = (
    "article:published_time",
    "og:published_time",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "datepublished",
)

# A <title> segment naming the site rather than the article; dropped from the title.
SITE_NAME_PATTERNS: tuple[str, ...] = (
    r"cổng thông tin",
    r"trang thông tin",
    r"cổng ttđt",
    r"portal",
    r"\.gov\.vn",
    r"báo điện tử",
)
# A short text opening like this names an office's site ("Sở Y tế tỉnh Sơn Lâm"); a longer one
# is a title about the office ("Sở Y tế triển khai tiêm vắc xin mũi nhắc lại cho người …").
SITE_NAME_PREFIXES: tuple[str, ...] = (r"ubnd", r"sở ", r"ủy ban nhân dân")
SITE_NAME_MAX_WORDS = 8
TITLE_SEPARATORS = (" - ", " | ", " – ", " — ", " :: ")

# Hints used for metadata when no family matched and trafilatura found the body.
GENERIC = PortalProfile(
    name="generic",
    markers=(),
    body=(),
    title=_TITLE_HINTS,
    lead=_LEAD_HINTS,
    date=_DATE_HINTS,
    author=_AUTHOR_HINTS,
    drop_boilerplate=True,
    max_link_share=0.8,
)

# A page that marks its article body for search engines (schema.org) is read from that element,
# when exactly one carries the mark, rather than from trafilatura's guess.
MARKED_BODY = "//*[@itemprop='articleBody' or @itemprop='articlebody']"

# Blocks of generic pages that are the site's (case-insensitive, matched from the block's start,
# only on blocks up to BOILERPLATE_MAX_CHARS): teasers, share and follow lines, credits.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
BOILERPLATE_PATTERNS: tuple[str, ...] = (
    r"(?:related(?: \w+){0,2}|read (?:more|also|next)|also read|see (?:also|more)|more|also"
    r"|watch|listen|recommended|đọc thêm|xem thêm|tin liên quan)\s*:",
    r"(?:related(?: \w+){0,2}|you (?:may|might) also like|don'?t miss|most (?:read|popular|viewed)"
    r"|more (?:from|on) \S.{0,40}|advertisement|quảng cáo|\d* ?comments?|share(?: this)?(?: \w+)?"
    r"|tags?|explore further|trending(?: now)?)\s*[:.…!|]*\s*$",
    r"(?:sign up|subscribe)\b.{0,80}\b(?:newsletters?|inbox)",
    r".{0,60}\bnewsletter\s*$|thanks for (?:signing up|subscribing)|keep an eye on your inbox",
    r"(?:follow|like) (?:us|[\w.@]+(?: [\w.@]+){0,3}) on (?:twitter|facebook|instagram)",
    r"like this (?:story|article)\?",
    r"get the latest .{0,60}(?:inbox|newsletter)",
    r".{0,200}\bcontributed (?:reporting|to this (?:report|story|article))",
    r"\(?(?:additional )?reporting by\b",
    r"\(?editing by\b",
    r"copyright\b|©",
    r".{0,80}all rights reserved\.?$",
    # a date line: "November 20, 2019 - 11:28 AMT", "Published 18 November 2019"
    r"(?:(?:published|updated|posted)(?: on)?:? )?(?:\w+day,? )?"
    rf"(?:{_MONTH}\.? \d{{1,2}},? \d{{4}}|\d{{1,2}} {_MONTH} \d{{4}})"
    r"(?:[\s,|@at-]+\d{1,2}:\d{2}(?: ?[ap]\.?m\.?)?(?: [a-z]{2,4})?)?$",
)
BOILERPLATE_MAX_CHARS = 300
# Link lists: a block (a list, or a paragraph or heading up to LINK_BLOCK_MAX_CHARS) whose text
# is more than the profile's max_link_share link text is navigation. Link texts shorter than
# MIN_ANCHOR_CHARS are ignored: "here" or "PDF" say nothing about the block around them.
LINK_BLOCK_MAX_CHARS = 300
MIN_ANCHOR_CHARS = 4
# A longer block is a menu when it has fewer sentence ends than one per MENU_CHARS_PER_SENTENCE
# characters, and at least MENU_MIN_LINKS link texts making more than MENU_MIN_LINK_SHARE of it.
MENU_CHARS_PER_SENTENCE = 200
MENU_MIN_LINKS = 5
MENU_MIN_LINK_SHARE = 0.5
