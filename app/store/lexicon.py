"""The operator lexicon in the store: entries, a version counter, and each process's live copy.

Every change adds one to the store's lexicon version (``keys.LEXICON_VERSION``). A process keeps
the table in a ``LiveLexicon`` and reads that version at most once a ``every_s``: one small read,
and the whole table only when the version moved. So a change made in one process (the console,
``baonoi lexicon import``) is used by every web process, worker and machine within a second or
two, without a restart.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from app.errors import InputError, StoreUnavailable
from app.models import Article

log = logging.getLogger(__name__)

MAX_WRITTEN = 100  # characters of a written form: a word or a short phrase
MAX_SPOKEN = 300  # characters of its spoken form
MAX_ENTRIES = 20_000  # entries in the whole lexicon (the pattern of all of them stays fast)
_FORBIDDEN = ("\t", "\n", "\r", "\x00")


@dataclass(frozen=True, slots=True)
class Entry:
    """One reading: the written form, how it is said, who changed it last and when."""

    written: str
    spoken: str
    changed_by: str = ""
    changed_at: float = 0.0

    def to_json(self) -> str:
        """The entry's fields other than its written form, as JSON (the Redis hash's value)."""
        body = {"spoken": self.spoken, "by": self.changed_by, "at": self.changed_at}
        return json.dumps(body, ensure_ascii=False)

    @classmethod
    def from_json(cls, written: str, raw: str | bytes) -> Entry:
        """The entry of ``written`` from ``to_json``'s text."""
        body = json.loads(raw)
        return cls(written, str(body["spoken"]), str(body.get("by", "")), float(body.get("at", 0)))


def clean_form(text: str) -> str:
    """A form as the lexicon keeps it: NFC, spaces collapsed (as the normalizer sees text)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def check_entry(written: str, spoken: str) -> tuple[str, str]:
    """The written and spoken forms, cleaned, or an ``InputError`` saying what is wrong."""
    if any(c in written or c in spoken for c in _FORBIDDEN):
        raise InputError(
            "A form may not hold tabs or line breaks",
            "Chữ viết và cách đọc không được chứa dấu tab hay xuống dòng",
        )
    written, spoken = clean_form(written), clean_form(spoken)
    if not written or written.startswith("#"):
        raise InputError(
            "The written form is empty or starts with '#'",
            "Chữ viết đang trống hoặc bắt đầu bằng '#'",
        )
    if len(written) > MAX_WRITTEN or len(spoken) > MAX_SPOKEN:
        raise InputError(
            f"At most {MAX_WRITTEN} characters written and {MAX_SPOKEN} spoken",
            f"Chữ viết tối đa {MAX_WRITTEN} ký tự, cách đọc tối đa {MAX_SPOKEN} ký tự",
        )
    return written, spoken


def too_many(count: int) -> InputError:
    """The refusal of a lexicon that would hold ``count`` entries."""
    return InputError(
        f"The lexicon would hold {count} entries; at most {MAX_ENTRIES}",
        f"Từ điển sẽ có {count} mục; tối đa {MAX_ENTRIES}",
    )


def json_fragment(text: str) -> str:
    """``text`` as it appears inside a stored article's JSON (for a substring scan)."""
    return json.dumps(text, ensure_ascii=False)[1:-1]


class LexiconStore(Protocol):
    """The lexicon as one store keeps it; every change adds one to ``version``."""

    def version(self) -> int:
        """The lexicon's change counter (a cheap read)."""
        ...

    def table(self) -> dict[str, str]:
        """Every entry: written form -> spoken form."""
        ...

    def entries(self) -> list[Entry]:
        """Every entry with who changed it and when, by written form."""
        ...

    def get(self, written: str) -> Entry | None:
        """The entry of ``written``, or None."""
        ...

    def put(self, entry: Entry) -> int:
        """Add or replace an entry; the new version."""
        ...

    def delete(self, written: str) -> int | None:
        """Remove an entry; the new version, or None when there was none."""
        ...

    def put_many(self, table: Mapping[str, str], by: str, replace: bool = False) -> int:
        """Add or replace many entries (with ``replace``, drop all others); the new version."""
        ...

    def import_once(self, table: Mapping[str, str], by: str) -> int | None:
        """Add ``table``'s entries missing from the store, the first time only; how many were
        added, or None when an import was already done (deleted entries stay deleted)."""
        ...

    def mentioning(self, texts: Sequence[str]) -> Iterator[Article]:
        """Articles whose stored record contains one of ``texts`` ("": every article), each once:
        a superset of the articles that say them."""
        ...


def checked_table(table: Mapping[str, str]) -> dict[str, str]:
    """A table of entries, each checked and cleaned (``check_entry``), within ``MAX_ENTRIES``."""
    cleaned = {}
    for written, spoken in table.items():
        try:
            key, value = check_entry(written, spoken)
        except InputError as exc:
            name = repr(written[:40])
            raise InputError(f"{name}: {exc.message_en}", f"{name}: {exc.message_vi}") from exc
        cleaned[key] = value
    if len(cleaned) > MAX_ENTRIES:
        raise too_many(len(cleaned))
    return cleaned


class LiveLexicon:
    """This process's copy of the store's lexicon, read again when the store's version moves.

    ``first`` runs once before the first read (the one-time import of ``lexicon.tsv``). While
    the store does not answer, the last table read stays in use.
    """

    def __init__(
        self,
        source: LexiconStore,
        first: Callable[[], object] | None = None,
        every_s: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.source, self.every_s, self._clock = source, every_s, clock
        self._first = first
        self._table: dict[str, str] = {}
        self._version: int | None = None
        self._checked = float("-inf")
        self._lock = threading.Lock()

    @property
    def version(self) -> int | None:
        """The store version of the table in use (None before the first read)."""
        return self._version

    def current(self) -> dict[str, str]:
        """The table, checked against the store's version at most once every ``every_s``."""
        if self._clock() - self._checked < self.every_s:
            return self._table
        with self._lock:
            if self._clock() - self._checked >= self.every_s:
                self._check()
            return self._table

    def refresh(self) -> dict[str, str]:
        """The table, checked against the store's version now (after a change, or a job's start)."""
        with self._lock:
            self._check()
            return self._table

    def _check(self) -> None:
        """Read the version; read the table again when it moved (the caller holds the lock)."""
        try:
            if self._first is not None:
                self._first()
                self._first = None
            version = self.source.version()
            if version != self._version:
                self._table, self._version = self.source.table(), version
        except StoreUnavailable as exc:
            if self._version is None:
                raise
            log.warning("lexicon: the store does not answer, the last copy stays in use: %s", exc)
        self._checked = self._clock()
