"""An article's identity: its id (given, or made from its title and source) and its version."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata

from app.errors import InputError
from app.models import Article
from app.services import Services

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
SLUG_LIMIT = 60  # characters of the title in a made id


def slug(text: str, limit: int = SLUG_LIMIT) -> str:
    """ASCII lower-case slug of Vietnamese text ("Bắc Kạn" -> "bac-kan")."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = folded.encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(words) > limit:  # cut between words, never inside one
        cut = words.rfind("-", 0, limit + 1)
        words = words[:cut] if cut > 0 else words[:limit]
    return words or "bai"


def derive_id(article: Article) -> str:
    """A stable id: the title's slug and a hash of the source URL (else title and date)."""
    basis = article.source_url or f"{article.title}|{article.published}"
    return f"{slug(article.title)}-{hashlib.sha256(basis.encode()).hexdigest()[:8]}"


def known_id(services: Services, article: Article) -> str:
    """The derived id, or the one an earlier release cut inside a word, if that one is stored."""
    derived = derive_id(article)
    words, digest = derived.rsplit("-", 1)
    full = slug(article.title, limit=1000)
    if len(full) > SLUG_LIMIT and full[:SLUG_LIMIT].rstrip("-") != words:
        earlier = f"{full[:SLUG_LIMIT].rstrip('-')}-{digest}"
        if services.store.get_article(earlier) is not None:
            return earlier
    return derived


def version_of(article: Article) -> str:
    """Hash of the cleaned content: same content, same version."""
    content = [
        article.title,
        article.lead,
        str(article.published),
        article.author,
        [[b.kind.value, b.text, b.html] for b in article.blocks],
    ]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()[:16]


def check_id(article_id: str) -> str:
    """The id if it is usable in URLs and file names, else an ``InputError``."""
    if not ID_PATTERN.fullmatch(article_id):
        raise InputError(
            "The id may hold only letters, digits, '.', '_' and '-' (at most 100)",
            "Mã bài chỉ gồm chữ, số, '.', '_' và '-' (tối đa 100 ký tự)",
        )
    return article_id
