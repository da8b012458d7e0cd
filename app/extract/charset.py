"""Page bytes to NFC text: gzip, HTTP charset, BOM, <meta> charset, UTF-8, windows-1258."""

from __future__ import annotations

import codecs
import re
import unicodedata
import zlib

from app.errors import DecodeError, PayloadTooLarge, TruncatedBody

GZIP_MAGIC = b"\x1f\x8b"
MAX_INFLATED_BYTES = 50 * 1024 * 1024

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# WHATWG: these labels mean windows-1252 on the web.
CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
}
# Python codecs that are not web charsets (they transform text, or raise on bytes any page holds).
NOT_CHARSETS = frozenset(
    {"punycode", "idna", "raw_unicode_escape", "unicode_escape", "undefined", "utf-7", "mbcs"}
)
# Tried after the declared charsets and strict UTF-8 fail; Vietnamese legacy pages are cp1258.
FALLBACKS = ("cp1258",)
# UTF-8 with at most this share of bad bytes is read as UTF-8 with replacements.
MAX_REPLACED_SHARE = 0.002
# Text with more than this share of control characters is not text.
MAX_CONTROL_SHARE = 0.01
SNIFF_BYTES = 8192

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)


# Characters no page text should hold: C0 and C1 controls (Unicode category Cc) other than tab,
# line feed and carriage return, lone surrogates and noncharacters. Removed, and counted.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def inflate(data: bytes, limit: int = MAX_INFLATED_BYTES) -> bytes:
    """The bytes, gunzipped when they are gzip: over ``limit`` inflated is 413, cut short 400."""
    if not data.startswith(GZIP_MAGIC):
        return data
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise DecodeError(detail=f"bad gzip data: {exc}") from exc
    if len(out) > limit or inflater.unconsumed_tail:
        raise PayloadTooLarge(
            f"The page inflates past the limit of {limit // (1024 * 1024)} MB",
            f"Trang giải nén vượt quá giới hạn {limit // (1024 * 1024)} MB",
        )
    if not inflater.eof:
        raise TruncatedBody(detail="gzip stream ends early")
    return out


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of an HTTP Content-Type value, if any."""
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def meta_charset(data: bytes) -> str | None:
    """The charset a <meta charset> or <meta http-equiv> declares near the top of the page."""
    match = _META_CHARSET.search(data[:SNIFF_BYTES])
    return match.group(1).decode("ascii", "replace") if match else None


def codec_name(label: str | None) -> str | None:
    """The Python codec for a charset label, or None when unknown."""
    if not label:
        return None
    label = CHARSET_ALIASES.get(label.strip().lower(), label.strip())
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return None if name in NOT_CHARSETS else name


def candidates(data: bytes, content_type: str | None) -> list[str]:
    """Codecs to try strictly, in order of authority, without repeats."""
    bom = next((name for mark, name in BOMS if data.startswith(mark)), None)
    if bom:  # A BOM outranks everything: the bytes say what they are.
        return [bom]
    found = [codec_name(header_charset(content_type)), codec_name(meta_charset(data)), "utf-8"]
    return list(dict.fromkeys(name for name in found if name))


def text_only(text: str) -> str | None:
    """The decoded text without characters no page holds; None when it is binary noise."""
    cleaned, removed = _NOT_TEXT.subn("", text.lstrip("\ufeff"))
    if not cleaned.strip() or removed > MAX_CONTROL_SHARE * len(text):
        return None
    return cleaned


def _decode_strict(data: bytes, codec: str) -> str | None:
    """The bytes decoded strictly, or None."""
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_lenient_utf8(data: bytes) -> str | None:
    """UTF-8 with replacements when only a few bytes are bad, else None."""
    text = data.decode("utf-8", errors="replace")
    return text if text.count("\ufffd") <= MAX_REPLACED_SHARE * len(text) else None


def decode(
    data: bytes, content_type: str | None = None, max_bytes: int = MAX_INFLATED_BYTES
) -> str:
    """Page bytes (maybe gzip, at most ``max_bytes`` inflated) as NFC text, else DecodeError."""
    data = inflate(data, max_bytes)
    for codec in candidates(data, content_type):
        text = _decode_strict(data, codec)
        if text is not None:
            break
    else:
        text = _decode_lenient_utf8(data)
        for codec in FALLBACKS:
            text = text if text is not None else _decode_strict(data, codec)
    text = text_only(text) if text is not None else None
    if text is None:
        raise DecodeError(detail="no charset gives sensible text")
    return unicodedata.normalize("NFC", text)
