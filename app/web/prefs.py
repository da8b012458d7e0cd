"""Reader preferences: text size, theme, spacing, width, low data, voice; query beats cookie."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from urllib.parse import parse_qsl, urlencode

COOKIE = "baonoi_prefs"
SIZES = (100, 115, 130, 150, 175, 200, 250, 300)  # percent of the base text size
THEMES = {"light": "Sáng", "dark": "Tối", "sepia": "Giấy cũ", "contrast": "Tương phản cao"}
SPACINGS = {"normal": "Thường", "wide": "Rộng"}
WIDTHS = {"narrow": "Hẹp", "normal": "Vừa", "full": "Toàn màn hình"}


@dataclass(frozen=True, slots=True)
class Prefs:
    """What the reader chose."""

    size: int = 0  # index into SIZES
    theme: str = "light"
    spacing: str = "normal"
    width: str = "normal"
    lowdata: bool = False
    voice: str = ""  # an id of the operator's BAONOI_VOICES ("" or unknown: the default voice)

    @property
    def percent(self) -> int:
        """Text size in percent."""
        return SIZES[self.size]

    def encode(self) -> str:
        """As a query string (also the cookie's value); no ``voice`` while it is the default."""
        values = {k: int(v) if isinstance(v, bool) else v for k, v in asdict(self).items()}
        return urlencode({k: v for k, v in values.items() if k != "voice" or v})

    def link(self, **change: object) -> str:
        """The query string of these prefs with some changed (a link that sets them)."""
        return "?" + replace(self, **change).encode()  # type: ignore[arg-type]


def _apply(prefs: Prefs, values: Mapping[str, str]) -> Prefs:
    """``prefs`` with every valid value from ``values``; invalid ones are ignored."""
    changes: dict[str, object] = {}
    size = values.get("size", "")
    if re.fullmatch(r"-?[0-9]{1,3}", size):  # ASCII digits: "²" or 5,000 digits are ignored
        changes["size"] = max(0, min(len(SIZES) - 1, int(size)))
    for name, table in (("theme", THEMES), ("spacing", SPACINGS), ("width", WIDTHS)):
        if values.get(name) in table:
            changes[name] = values[name]
    voice = values.get("voice")
    if voice is not None and re.fullmatch(r"[a-z0-9-]{0,40}", voice):  # the list checks it later
        changes["voice"] = voice
    if values.get("lowdata") in ("0", "1"):
        changes["lowdata"] = values["lowdata"] == "1"
    return replace(prefs, **changes)  # type: ignore[arg-type]


def read_prefs(args: Mapping[str, str], cookie: str | None) -> tuple[Prefs, bool]:
    """Prefs from the cookie then the query; and whether the query changed anything."""
    saved = _apply(Prefs(), dict(parse_qsl(cookie or "")))
    chosen = _apply(saved, args)
    return chosen, chosen != saved
