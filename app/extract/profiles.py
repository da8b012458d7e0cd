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
    markers: tuple[str, ...]  # XPath expressions; any hit means the page is of this family
    body: tuple[str, ...]  # id/class hints of the article body container
    title: tuple[str, ...]  # id/class hints of the title element
    lead: tuple[str, ...]  # id/class hints of the sapo (lead paragraph)
    date: tuple[str, ...]  # id/class hints of the element carrying the publication date
    author: tuple[str, ...]  # id/class hints of a separate author element


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
_LEAD_HINTS = ("sapo", "tomtat", "tom-tat", "trichyeu", "trich-yeu", "lead", "summary", "chapeau")
_DATE_HINTS = ("date", "ngaydang", "ngay-dang", "publish", "time", "ngay")
_AUTHOR_HINTS = ("author", "tacgia", "tac-gia", "nguon-tin", "butdanh")

PROFILES: tuple[PortalProfile, ...] = (
    PortalProfile(
        name="sharepoint-publishing",
        markers=(
            "//*[contains(@class, 'ms-rtestate-field')]",
            "//*[starts-with(@id, 'MSOZoneCell_')]",
            "//*[contains(@class, 'ms-webpart-zone')]",
            "//*[contains(@title, 'PublishingPortal')]",
            "//script[contains(., '_spPageContextInfo')]",
            "//link[contains(@href, '/_layouts/')]",
        ),
        body=_BODY_HINTS,
        title=_TITLE_HINTS,
        lead=_LEAD_HINTS,
        date=_DATE_HINTS,
        author=_AUTHOR_HINTS,
    ),
    PortalProfile(
        # Other Vietnamese government CMSs name their parts the same way in Vietnamese.
        name="vn-portal",
        markers=(
            "//meta[@name='generator' and contains(@content, 'Portal')]",
            "//*[contains(@class, 'noidung') or contains(@id, 'noidung')]",
            "//*[contains(@class, 'chitiet') or contains(@id, 'chitiet')]",
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
    r"Quay lại",
    r"Về đầu trang",
    r"Đầu trang",
    r"Facebook",
    r"Zalo",
    r"Twitter",
    r"A\+|A-",
)

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

# Author lines at the end of the body; group "name" is the author.
AUTHOR_PATTERNS: tuple[str, ...] = (
    r"^(?:Tác giả|Tin, ảnh|Tin và ảnh|Bài, ảnh|Bài và ảnh|Tin|Bài|Ảnh|Nguồn|Nguồn tin)\s*:\s*"
    r"(?P<name>.+?)\s*[./]*$",
    r"^\(?Theo\s+(?P<name>[^,;:]{2,80}?)\)?\s*[./]*$",
)
AUTHOR_MAX_CHARS = 80
# A right-aligned or bold last line is an author when it is this short.
AUTHOR_LINE_MAX_WORDS = 8
# How many trailing lines may be author/source lines.
AUTHOR_MAX_LINES = 2

# A fully bold paragraph no longer than this, not ending a sentence, is a section heading.
HEADING_MAX_CHARS = 160
# A caption (centred or italic paragraph after a photo) is no longer than this.
CAPTION_MAX_CHARS = 600
# A layout table holding photos is a figure when its text is no longer than this.
FIGURE_TABLE_MAX_CHARS = 800
CAPTION_HINTS: tuple[str, ...] = ("caption", "chuthich", "chu-thich", "image-desc", "img-desc")

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
)

# A <title> segment naming the site rather than the article; dropped from the title.
SITE_NAME_PATTERNS: tuple[str, ...] = (
    r"cổng thông tin",
    r"trang thông tin",
    r"cổng ttđt",
    r"portal",
    r"\.gov\.vn",
    r"báo điện tử",
    r"^ubnd",
    r"^sở ",
)
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
)
