"""Plain data: an article and its blocks, an audio variant, a job's state."""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class BlockKind(StrEnum):
    """What a block of the article body is."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    FIGURE = "figure"
    LIST = "list"
    TABLE = "table"


# Characters XML 1.0 forbids (controls other than tab, LF, CR; surrogates; U+FFFE, U+FFFF): no
# stored text holds them, so every page and feed made from an article is well-formed.
XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids."""
    return XML_FORBIDDEN.sub("", text)


# Explicit bidi controls and what ends each: embeddings and overrides (LRE, RLE, LRO, RLO) end at
# PDF, isolates (LRI, RLI, FSI) at PDI. One left open turns the text after it around (a title
# "\u202egpj.exe" reads "exe.jpg"), in our pages and in whatever shows our feed or oEmbed.
BIDI_CLOSER = {
    "\u202a": "\u202c",
    "\u202b": "\u202c",
    "\u202d": "\u202c",
    "\u202e": "\u202c",
    "\u2066": "\u2069",
    "\u2067": "\u2069",
    "\u2068": "\u2069",
}
BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def bidi_balanced(text: str) -> str:
    """``text`` without the bidi controls left unpaired (within a line); paired ones stay."""
    if not BIDI_CONTROL.search(text):
        return text
    dropped: set[int] = set()
    open_at: list[int] = []
    for index, char in enumerate(text):
        if char in BIDI_CLOSER:
            open_at.append(index)
        elif char in ("\u202c", "\u2069"):
            if open_at and BIDI_CLOSER[text[open_at[-1]]] == char:
                open_at.pop()
            else:
                dropped.add(index)
        elif char == "\n":  # a paragraph ends every embedding opened in it
            dropped.update(open_at)
            open_at.clear()
    dropped.update(open_at)
    return "".join(char for index, char in enumerate(text) if index not in dropped)


def safe_text(text: str) -> str:
    """``text`` as it is stored: no character XML forbids, no bidi control left open."""
    return bidi_balanced(xml_text(text))


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the article body: its kind, the text a reader reads, and its clean HTML.

    For a figure ``text`` is the caption; for a list, its items one per line; for a table, its
    rows one per line with cells separated by " | ".
    """

    kind: BlockKind
    text: str
    html: str

    def to_dict(self) -> dict[str, str]:
        """The block as JSON-ready data."""
        return {"kind": self.kind.value, "text": self.text, "html": self.html}

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> Block:
        """A block from ``to_dict`` data."""
        return cls(BlockKind(data["kind"]), data["text"], data["html"])


@dataclass(slots=True)
class Article:
    """An extracted, cleaned article."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    lead: str = ""
    published: date | None = None
    author: str = ""
    source_url: str | None = None
    id: str = ""
    version: str = ""
    audio_key: str = ""
    created_at: float = 0.0

    def xml_safe(self) -> Article:
        """This article with every text field ``safe_text``: XML 1.0 characters, bidi paired."""
        blocks = [Block(b.kind, safe_text(b.text), safe_text(b.html)) for b in self.blocks]
        url = xml_text(self.source_url) if self.source_url is not None else None
        return dataclasses.replace(
            self,
            title=safe_text(self.title),
            lead=safe_text(self.lead),
            author=safe_text(self.author),
            source_url=url,
            blocks=blocks,
        )

    @property
    def headings(self) -> list[str]:
        """Section headings, in order."""
        return [b.text for b in self.blocks if b.kind is BlockKind.HEADING]

    @property
    def paragraphs(self) -> list[str]:
        """Body paragraphs, in order."""
        return [b.text for b in self.blocks if b.kind is BlockKind.PARAGRAPH]

    @property
    def captions(self) -> list[str]:
        """Figure captions, in order."""
        return [b.text for b in self.blocks if b.kind is BlockKind.FIGURE and b.text]

    @property
    def text(self) -> str:
        """Lead, headings and body text in reading order, blank-line separated; no captions."""
        parts = [self.lead] if self.lead else []
        parts += [b.text for b in self.blocks if b.kind is not BlockKind.FIGURE and b.text]
        return "\n\n".join(parts)

    @property
    def body_html(self) -> str:
        """The cleaned article body as one HTML fragment."""
        return "\n".join(b.html for b in self.blocks)

    def to_dict(self) -> dict[str, object]:
        """The article as JSON-ready data (what the store keeps)."""
        data = dataclasses.asdict(self)
        data["blocks"] = [b.to_dict() for b in self.blocks]
        data["published"] = self.published.isoformat() if self.published else None
        return data

    def to_json(self) -> str:
        """The article as a JSON string."""
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """An article from ``to_dict`` data."""
        values = dict(data)
        values["blocks"] = [Block.from_dict(b) for b in data.get("blocks", [])]
        published = data.get("published")
        values["published"] = date.fromisoformat(published) if isinstance(published, str) else None
        return cls(**values)

    @classmethod
    def from_json(cls, raw: str | bytes) -> Article:
        """An article from ``to_json`` output."""
        return cls.from_dict(json.loads(raw))


class AudioStatus(StrEnum):
    """Where an article's audio is in its life."""

    NONE = "none"
    QUEUED = "queued"
    RUNNING = "running"
    READY = "ready"
    FAILED = "failed"


UNFINISHED = (AudioStatus.QUEUED, AudioStatus.RUNNING)  # a job is (or was, if it died) on it


@dataclass(slots=True)
class Timing:
    """Where one spoken sentence sits in the audio."""

    start: float
    end: float
    block: int
    text: str
    engine: str = ""  # the engine that spoke it (one member of a fallback chain)


@dataclass(slots=True)
class AudioInfo:
    """The state of one article's audio: job status and, once ready, its files."""

    key: str = ""
    status: AudioStatus = AudioStatus.NONE
    progress: float = 0.0
    duration_s: float | None = None
    engine: str = ""  # the engine (and voice) that spoke most sentences
    voice: str = ""
    engines: dict[str, int] = field(default_factory=dict)  # engine -> sentences it spoke
    error: str = ""
    error_code: str = ""  # the BaonoiError code of a failure, so readers get the right answer
    files: dict[str, int] = field(default_factory=dict)  # format -> size in bytes
    digests: dict[str, str] = field(default_factory=dict)  # format (and "timings") -> digest
    updated_at: float = 0.0
    subject: str = ""  # the job's subject (``id`` or ``id#voice``) while queued or running

    def to_dict(self) -> dict[str, object]:
        """JSON-ready data."""
        data = dataclasses.asdict(self)
        data["status"] = self.status.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> AudioInfo:
        """An ``AudioInfo`` from ``to_dict`` data."""
        values = dict(data)
        values["status"] = AudioStatus(str(data.get("status", "none")))
        return cls(**values)  # type: ignore[arg-type]
