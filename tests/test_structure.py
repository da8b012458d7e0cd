"""Structure read for listening: headings set apart, list items announced, captions labelled,
tables row by row with their header cells, links as their text."""

from __future__ import annotations

import json
from pathlib import Path

from app.extract import extract
from app.models import Article, Block, BlockKind
from app.speech.normalize import normalize
from app.speech.segment import BLOCK_PAUSE_MS, HEADING_PAUSE_MS, SENTENCE_PAUSE_MS, segment
from app.speech.structure import caption, list_items, table_rows

PORTAL = Path(__file__).parent / "data" / "portal"


def _fixture(name: str) -> Article:
    """A portal fixture page extracted as the pipeline does, with its HTTP charset if any."""
    expected = json.loads((PORTAL / f"{name}.expected.json").read_text(encoding="utf-8"))
    return extract(
        (PORTAL / f"{name}.html").read_bytes(), content_type=expected.get("content_type")
    )


def _table(text: str, html: str = "<table></table>") -> Block:
    """A table block as app.extract makes it: rows one per line, cells joined by " | "."""
    return Block(BlockKind.TABLE, text, html)


def test_table_is_read_row_by_row_with_its_header_cells() -> None:
    block = _table(
        "Huyện | Diện tích | Dân số\n"
        "Ba Bể | 684 km² | 50.000 người\n"
        "Pác Nặm | 474 km² | 33.000 người"
    )
    assert table_rows(block) == [
        "Huyện Ba Bể: diện tích 684 km², dân số 50.000 người.",
        "Huyện Pác Nặm: diện tích 474 km², dân số 33.000 người.",
    ]


def test_table_row_number_column_is_not_read() -> None:
    html = "<table><tr><th>STT</th><th>Đơn vị</th><th>Kết quả</th></tr></table>"
    block = _table("STT | Đơn vị | Kết quả\n1 | Huyện Ba Bể | Đạt", html)
    assert table_rows(block) == ["Huyện Ba Bể: kết quả Đạt."]


def test_table_without_a_header_row_reads_first_cell_then_the_rest() -> None:
    block = _table("Thời gian | 8h ngày 5/10\nĐịa điểm | Hội trường tỉnh")
    assert table_rows(block) == ["Thời gian: 8h ngày 5/10.", "Địa điểm: Hội trường tỉnh."]


def test_portal_table_is_read_with_years_from_its_header() -> None:
    article = _fixture("sonlam-2021-11-05-zone-variant")
    table = next(i for i, b in enumerate(article.blocks) if b.kind is BlockKind.TABLE)
    texts = [u.text for u in segment(article) if u.block == table + 2]
    assert texts == [
        "PAR INDEX: năm 2020 82,1%, năm 2021 85,4%.",
        "SIPAS: năm 2020 86,0%, năm 2021 88,7%.",
    ]
    spoken = normalize(texts[0])
    assert (
        spoken.startswith("pê a e rờ") or "năm hai nghìn không trăm hai mươi tám mươi hai" in spoken
    )
    assert "|" not in " ".join(texts)


def test_list_items_are_announced_as_items() -> None:
    assert list_items("Ký hợp đồng;\nĐưa lên sàn.") == [
        "Mục 1: Ký hợp đồng;",
        "Mục 2: Đưa lên sàn.",
    ]
    assert normalize("Mục 2: Đưa lên sàn.") == "Mục hai: Đưa lên sàn."


def test_list_item_with_its_own_number_is_not_announced_twice() -> None:
    assert list_items("1. Ký hợp đồng\na) Đưa lên sàn") == ["1. Ký hợp đồng", "a) Đưa lên sàn"]


def test_portal_list_items_are_announced_in_order() -> None:
    article = _fixture("sonlam-2021-10-12-nfd")
    listed = next(i for i, b in enumerate(article.blocks) if b.kind is BlockKind.LIST)
    texts = [u.text for u in segment(article) if u.block == listed + 2]
    assert [t.split(":")[0] for t in texts] == ["Mục 1", "Mục 2", "Mục 3"]


def test_caption_is_read_as_anh_where_it_stands() -> None:
    assert caption("Quang cảnh hội nghị") == "Ảnh: Quang cảnh hội nghị"
    assert caption("Ảnh: Hương Dịu") == "Ảnh: Hương Dịu"
    article = _fixture("sonlam-2021-11-05-zone-variant")
    figure = next(i for i, b in enumerate(article.blocks) if b.kind is BlockKind.FIGURE)
    units = segment(article)
    at = next(n for n, u in enumerate(units) if u.block == figure + 2)
    assert units[at].text == "Ảnh: Quang cảnh hội nghị"
    assert units[at - 1].block == figure + 1 and units[at + 1].block == figure + 3


def test_heading_has_a_pause_before_and_after_it() -> None:
    article = Article(
        title="Tiêu đề",
        blocks=[
            Block(BlockKind.PARAGRAPH, "Câu một. Câu hai.", "<p></p>"),
            Block(BlockKind.HEADING, "Nhiệm vụ năm 2022", "<h2></h2>"),
            Block(BlockKind.PARAGRAPH, "Câu ba.", "<p></p>"),
        ],
    )
    pauses = [(u.text, u.pause_ms) for u in segment(article)]
    assert pauses == [
        ("Tiêu đề", BLOCK_PAUSE_MS),
        ("Câu một.", SENTENCE_PAUSE_MS),
        ("Câu hai.", HEADING_PAUSE_MS),
        ("Nhiệm vụ năm 2022", HEADING_PAUSE_MS),
        ("Câu ba.", BLOCK_PAUSE_MS),
    ]
    assert HEADING_PAUSE_MS > BLOCK_PAUSE_MS


def test_portal_heading_stands_apart_from_the_text_around_it() -> None:
    article = _fixture("sonlam-2021-11-05-zone-variant")
    heading = next(i for i, b in enumerate(article.blocks) if b.kind is BlockKind.HEADING)
    units = segment(article)
    at = next(n for n, u in enumerate(units) if u.block == heading + 2)
    assert units[at - 1].pause_ms == HEADING_PAUSE_MS and units[at].pause_ms == HEADING_PAUSE_MS


def test_link_is_read_as_its_text_never_its_url() -> None:
    article = _fixture("sonlam-2021-11-05-zone-variant")
    spoken = " ".join(normalize(u.text) for u in segment(article))
    assert "tin-tuc" not in spoken and "http" not in spoken
    assert (
        normalize("Chi tiết: https://sonlam.gov.vn/tin-tuc/88?id=2")
        == "Chi tiết: sonlam chấm gov chấm vn"
    )
