"""Addresses read out sign by sign: bare web addresses, e-mails, file paths, code identifiers, IPs.

A web address without "http" or "www" ("docs.python.org", "forms.gle/xnk27"), an e-mail address,
a Windows, UNC or Unix path, a file name with a known extension, a snake_case identifier and an
IPv4 or IPv6 address are read for someone to type: each sign by its name ("chấm", "gạch chéo",
"gạch nối", "a còng", ``web_symbols.tsv``), digits one by one (a number of one or two digits in a
site's name is a number: "kenh14"), a run of letters without a vowel spelled ("fpt", "pdf"), a
word in camel case split. A top-level domain is said as written ("chấm vn"). A link with "http" or
"www" is first cut to its site by ``punctuation.read_links``. Nothing fires on prose with dots:
a domain needs a known lower-case top-level domain after ASCII labels ("TP.HCM", "Q.1", "Nxb.",
"3.5" are not addresses).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from app.speech.normalize.acronyms import spell
from app.speech.normalize.foreign import split_camel_words
from app.speech.normalize.numbers import read_digits, read_int
from app.speech.normalize.tables import alternation, data_list, data_table

_VOWELS = frozenset("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")
_PIECE = re.compile(r"[0-9]+|[^\W\d_]+")
_TAIL = re.compile(r"[.,;:!?)\]\"'”’]+$")
_SIGNS = re.compile(r"([^\w\s])|(_)")
_IP_CUE = re.compile(r"\bIP(?:v4)?\b[^.\n]{0,40}$")

_EMAIL = re.compile(
    r"(?<![\w.+-])[^\W_][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w@])"
)
_WINDOWS_PATH = re.compile(r"(?<![\w\\])[A-Za-z]:\\[\w.-]*(?:\\[\w.-]+)*")
_UNC_PATH = re.compile(r"(?<![\w\\])\\\\?[\w.-]+(?:\\[\w.-]+)+")
_UNIX_PATH = re.compile(r"/(?<![\w/.:]/)(?=[\w.-]*[^\W\d_])[\w.-]+(?:/[\w.@-]+)+/?")
# One letter with a short index after "_" is a subscript in a formula ("E_in", "v_0", "ΔE_k").
_SUBSCRIPT = re.compile(r"(?<![\w])([Δ∆]?[A-Za-z])_([A-Za-z0-9]{1,6})(?![\w])")
_SNAKE = re.compile(r"(?<![\w.@/\\-])(?=\w*[^\W\d_])\w*[^\W_]_\w+")
# Patterns scanned over whole articles start with a plain character and look behind after it
# (see ``punctuation``); the site and file patterns are tried only where their ending occurs.
_IPV4_HINT = re.compile(r"\.\d{1,3}\.\d{1,3}\.\d")
_IPV4 = re.compile(r"(?<![\w.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\w]|\.\d)")
_IPV6_HINT = re.compile(r":[0-9A-Fa-f]{0,4}:")
_IPV6 = re.compile(r"(?<![\w:])[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])")


@functools.cache
def _ending(name: str) -> re.Pattern[str]:
    """A dot before one of the endings listed in ``name``: where a site or file name may be."""
    return re.compile(rf"\.(?:{alternation(data_list(name))})(?![\w-])")


@functools.cache
def _domain_pattern() -> re.Pattern[str]:
    """A bare web address: ASCII labels, a known top-level domain, then any path or query."""
    domains = alternation(data_list("web_domains.txt"))
    return re.compile(
        rf"(?<![\w.@/\\-])(?=[\w-]*[A-Za-z])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:{domains})"
        r"(?![\w-])(?:[/?#][^\s]*)?"
    )


@functools.cache
def _file_pattern() -> re.Pattern[str]:
    """A file name: a name with a letter, a dot and a known extension ("data_v3.2.tar.gz")."""
    extensions = alternation(data_list("file_extensions.txt"))
    return re.compile(
        rf"(?<![\w.@/\\-])(?=[\w.-]*[^\W\d_][\w.-]*\.)[\w-]+(?:\.[\w-]+)*\.(?:{extensions})"
        r"(?![\w-])"
    )


def _read_letters(letters: str, in_host: bool = False) -> str:
    """Letters inside an address: a word as written, no vowel spelled; in a path or a user
    name a camel-case word is split ("CongThucNauAn"), a site's name is kept ("VnExpress")."""
    words = [letters] if in_host else split_camel_words(letters).split()
    return " ".join(w if len(w) > 1 and _VOWELS & set(w) else spell(w) for w in words)


def _read_piece(piece: str, in_host: bool = False) -> str:
    """Letters and digits between two signs: digits one by one, letters as ``_read_letters``."""
    words = []
    for run in _PIECE.findall(piece):
        if not run.isdigit():
            words.append(_read_letters(run, in_host))
        elif in_host and len(run) <= 2:
            words.append(read_int(int(run)))  # "kenh14": the site's number
        else:
            words.append(read_digits(run))
    return " ".join(words)


def read_address(address: str, host_end: int = 0) -> str:
    """An address sign by sign; its first ``host_end`` characters are a site's name."""
    names = data_table("web_symbols.tsv")
    domains = frozenset(data_list("web_domains.txt"))
    words = []
    position = 0
    for part in re.split(r"([^\w]|_)", address):
        in_host = position < host_end
        position += len(part)
        if not part:
            continue
        if part in names:
            words.append(names[part])
        elif in_host and part in domains:
            words.append(part)  # "vn", "com": said as written
        elif part.strip():
            words.append(_read_piece(part, in_host))
    return " ".join(words)


def _tail_kept(match: re.Match[str], read: Callable[[str], str]) -> str:
    """The match read by ``read``, with the sentence punctuation after it kept as written."""
    written = match[0]
    tail = _TAIL.search(written)
    if tail:
        written = written[: tail.start()]
    return f" {read(written)}{tail[0] if tail else ''} "


def _host_length(address: str) -> int:
    """How many leading characters of a bare web address are its site's name."""
    end = re.search(r"[/?#@]", address)
    return end.start() if end else len(address)


def read_emails(text: str) -> str:
    """ "admin_v2@fpt.vn" as "admin gạch dưới vê hai a còng ép pê tê chấm vn"."""
    if "@" not in text:
        return text

    def email(written: str) -> str:
        at = written.rindex("@")
        return read_address(written[:at]) + " a còng " + read_address(written[at + 1 :], 10**6)

    return _EMAIL.sub(lambda m: _tail_kept(m, email), text)


def read_web_addresses(text: str) -> str:
    """A bare web address with its path and query: "forms.gle/xnk27", "abc.com/báo-cáo"."""
    if not _ending("web_domains.txt").search(text):
        return text
    return _domain_pattern().sub(
        lambda m: _tail_kept(m, lambda w: read_address(w, _host_length(w))), text
    )


@functools.cache
def _lone_domain_pattern() -> re.Pattern[str]:
    """A top-level domain written alone with its dot after a space: "tên miền .vn", ".com.vn"."""
    domains = alternation(data_list("web_domains.txt"))
    return re.compile(rf"(?<![^\s(])\.(?:{domains})(?:\.(?:{domains}))*(?![\w-]|\.\w)")


def read_lone_domains(text: str) -> str:
    """ "đuôi .com.vn" as "đuôi chấm com chấm vn": the dot is read, the label said as written."""
    if " ." not in text and "(." not in text and not text.startswith("."):
        return text
    return _lone_domain_pattern().sub(lambda m: read_address(m[0], len(m[0])), text)


# A site written in capitals, as news pages print their dateline: "VOV.VN - ...", "Theo VTV.VN".
_SPELLED_LABEL = 4  # letters; a longer label in capitals is a word ("VNEXPRESS")
_WORD_ENDINGS = frozenset({"COM", "NET", "ORG"})
_CAPITAL_ENDING = re.compile(r"\.(?:VN|COM|NET|ORG)")
_CAPITAL_DOMAIN = re.compile(
    r"(?<![\w.@/\\-])([A-Z]{2,}(?:\.[A-Z]{2,})*)\.(?:VN|COM|NET|ORG)(?![\w-]|\.\w)"
)


def _capital_label(label: str) -> str:
    """A label of a site in capitals: a short one ("VOV", the ending "VN") spelled, a long one
    ("VNEXPRESS") and the endings "COM", "NET", "ORG" said as written, in small letters."""
    spelled = len(label) <= _SPELLED_LABEL and label not in _WORD_ENDINGS
    return spell(label) if spelled else label.lower()


def read_capital_domains(text: str) -> str:
    """ "VOV.VN" as "vê ô vê chấm vê en": no "Việt Nam" for the ending."""
    if not _CAPITAL_ENDING.search(text):
        return text
    return _CAPITAL_DOMAIN.sub(
        lambda m: " chấm ".join(_capital_label(label) for label in m[0].split(".")),
        text,
    )


def read_paths(text: str) -> str:
    """Windows ("C:\\Users\\dev"), UNC ("\\\\server\\share") and Unix ("/home/user") paths."""
    if "\\" in text:
        text = _WINDOWS_PATH.sub(lambda m: _tail_kept(m, read_address), text)
        text = _UNC_PATH.sub(lambda m: _tail_kept(m, read_address), text)
    if "/" in text:
        text = _UNIX_PATH.sub(lambda m: _tail_kept(m, read_address), text)
    return text


def read_file_names(text: str) -> str:
    """A file name with a known extension ("error_log_2024-10-21.txt") sign by sign."""
    if not _ending("file_extensions.txt").search(text):
        return text
    return _file_pattern().sub(lambda m: _tail_kept(m, read_address), text)


def read_identifiers(text: str) -> str:
    """A snake_case name ("user_2024_dev") sign by sign, its digits one by one; a subscript in
    a formula ("E_in") is said after its letter, without "gạch dưới"."""
    if "_" not in text:
        return text
    text = _SUBSCRIPT.sub(lambda m: f"{m[1]} {spell(m[2]) if len(m[2]) == 1 else m[2]}", text)
    return _SNAKE.sub(lambda m: f" {read_address(m[0])} ", text)


def _ipv4(match: re.Match[str]) -> str:
    """Four groups of digits that are an IP address, each read digit by digit."""
    groups = match.groups()
    if any(int(g) > 255 or (len(g) > 1 and g.startswith("0")) for g in groups):
        return match[0]
    before = match.string[max(0, match.start() - 60) : match.start()]
    if all(len(g) == 3 for g in groups[1:]) and not _IP_CUE.search(before):
        return match[0]  # "1.000.000.000": thousands, not an address
    return " chấm ".join(read_digits(g) for g in groups)


def _ipv6(match: re.Match[str]) -> str:
    """Colon-separated hexadecimal groups with a letter or more than four groups: an IPv6."""
    groups = match[0].split(":")
    if len(groups) < 5 and not re.search(r"[A-Fa-f]", match[0]):
        return match[0]  # "10:30:45": a time
    return " hai chấm ".join(_read_piece(g) if g else "" for g in groups).replace("  ", " ")


def read_ip_addresses(text: str) -> str:
    """ "192.168.1.1" and "2001:0db8::7334" read group by group, digit by digit."""
    text = _IPV4.sub(_ipv4, text) if _IPV4_HINT.search(text) else text
    return _IPV6.sub(_ipv6, text) if _IPV6_HINT.search(text) else text


RULES = (
    read_emails,
    read_paths,
    read_web_addresses,
    read_lone_domains,
    read_capital_domains,
    read_file_names,
    read_identifiers,
    read_ip_addresses,
)


def read_technical(text: str) -> str:
    """Every address rule above, in order."""
    for rule in RULES:
        text = rule(text)
    return text
