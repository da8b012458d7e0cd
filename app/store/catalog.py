"""The console's article list: searched by title (with or without diacritics), filtered, paged.

Each backend keeps a narrow index beside its articles, written with them, and answers through
``Store.catalog()``: the embedded store a ``catalog`` table (``catalog_sql``), Redis hashes
(``catalog_redis``). The audio state filtered
on is the default voice's (the article's own ``audio_key``), as the store records it: a set whose
files were evicted since it was made still counts as made until someone asks for it again.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from typing import Any, Protocol

from app.models import Article, AudioInfo, AudioStatus

# The console's state filters, each the audio statuses it stands for (rule data).
STATES: dict[str, tuple[str, ...]] = {
    "made": (AudioStatus.READY.value,),
    "making": (AudioStatus.QUEUED.value, AudioStatus.RUNNING.value),
    "failed": (AudioStatus.FAILED.value,),
    "none": (AudioStatus.NONE.value,),
}
PER_PAGE_MAX = 100
SEARCH_MAX = 200  # characters of a search: longer ones are cut


def fold(text: str) -> str:
    """``text`` lower-cased without diacritics ("Bắc Kạn" -> "bac kan"), spaces collapsed."""
    text = text.replace("đ", "d").replace("Đ", "D")
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    )
    return " ".join(stripped.lower().split())


@dataclass(frozen=True, slots=True)
class Query:
    """What the editor asked for: words of the title, a state filter, a page."""

    text: str = ""
    state: str = ""  # a key of STATES, or "" for every article
    page: int = 1
    per_page: int = 50

    @property
    def needle(self) -> str:
        """The folded search text."""
        return fold(self.text[:SEARCH_MAX])

    @property
    def statuses(self) -> tuple[str, ...]:
        """The audio statuses the state filter keeps (empty: all)."""
        return STATES.get(self.state, ())

    @property
    def offset(self) -> int:
        """Rows before this page."""
        return (max(self.page, 1) - 1) * self.limit

    @property
    def limit(self) -> int:
        """Rows on a page."""
        return min(max(self.per_page, 1), PER_PAGE_MAX)


@dataclass(frozen=True, slots=True)
class Row:
    """One article as the list shows it."""

    id: str
    title: str
    created_at: float
    published: str | None
    source_url: str | None
    author: str
    chars: int
    audio_key: str
    audio: AudioInfo


@dataclass(frozen=True, slots=True)
class Page:
    """One page of the list and how many articles match in all."""

    rows: list[Row]
    total: int
    query: Query

    @property
    def pages(self) -> int:
        """How many pages the matching articles fill (at least one)."""
        return max(1, -(-self.total // self.query.limit))


def fields(article: Article) -> dict[str, Any]:
    """What the index keeps of an article (besides its id, time, folded title and audio key)."""
    return {
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "source_url": article.source_url,
        "author": article.author,
        "chars": len(article.title) + len(article.text),
    }


def row_of(
    article_id: str, created_at: float, audio_key: str, raw: str | bytes, audio: AudioInfo
) -> Row:
    """A row from the index's stored fields."""
    data = json.loads(raw)
    return Row(
        id=article_id,
        title=str(data.get("title", "")),
        created_at=created_at,
        published=data.get("published"),
        source_url=data.get("source_url"),
        author=str(data.get("author", "")),
        chars=int(data.get("chars", 0)),
        audio_key=audio_key,
        audio=audio,
    )


class Catalog(Protocol):
    """The console's view of the articles and of the audio being made (``Store.catalog()``)."""

    def find(self, query: Query) -> Page:
        """The page of articles matching ``query``, newest first, and how many match."""
        ...

    def in_progress(self, limit: int = 100) -> list[AudioInfo]:
        """Audio records queued or being made (every voice's), the latest updated first."""
        ...

    def articles_of_keys(self, audio_keys: list[str]) -> dict[str, str]:
        """The article whose default voice each audio key is (other voices' keys are absent)."""
        ...

    def note_voice(self, article_id: str, voice: str, audio_key: str) -> None:
        """Remember the audio key last queued for an article in another voice than the default."""
        ...

    def voice_states(self, ids: list[str], voices: list[str]) -> dict[tuple[str, str], str]:
        """(article id, voice) -> the status of the audio last queued in that voice (absent:
        never queued)."""
        ...
