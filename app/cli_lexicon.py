"""``baonoi lexicon import|export``: the store's lexicon as a TSV file (``written<TAB>spoken``).

``app.cli`` adds the group to ``baonoi`` with its error reporting and its services
(``lexicon_commands``), so this module does not import it back.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from app.errors import InputError

if TYPE_CHECKING:
    from app.services import Services
    from app.store.lexicon import Entry

HEADER = "# Báo nói lexicon: written<TAB>spoken, one entry a line (baonoi lexicon import FILE)"


def to_tsv(entries: list[Entry]) -> str:
    """The entries as the lexicon file: a comment line, then ``written<TAB>spoken`` lines."""
    return "".join([HEADER + "\n", *(f"{e.written}\t{e.spoken}\n" for e in entries)])


def read_table(source: str) -> dict[str, str]:
    """The entries of a TSV file (``-``: stdin); a bad line is a ``ConfigError`` naming it."""
    from app.speech.normalize.tables import parse_tsv

    if source == "-":
        return parse_tsv(sys.stdin, "stdin")
    try:
        with Path(source).open(encoding="utf-8-sig") as lines:
            return parse_tsv(lines, source)
    except OSError as exc:
        raise InputError(
            f"Cannot read {source}: {exc.strerror}", f"Không đọc được {source}: {exc.strerror}"
        ) from exc


def _write(text: str, target: str | None, out: TextIO) -> None:
    """``text`` into the file ``target`` (``-`` or none: ``out``)."""
    if target in (None, "-"):
        out.write(text)
        return
    try:
        Path(str(target)).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(
            f"Cannot write {target}: {exc.strerror}", f"Không ghi được {target}: {exc.strerror}"
        ) from exc


def lexicon_commands(
    reports_errors: Callable[[Any], Any], services: Callable[[], Services]
) -> click.Group:
    """The ``lexicon`` group, reporting errors and building services the way ``baonoi`` does."""

    @click.group()
    def lexicon() -> None:
        """The pronunciation lexicon in the store (the console's /admin/lexicon), as TSV."""

    @lexicon.command(name="import")
    @click.argument("source")
    @click.option("--replace", is_flag=True, help="Drop the entries the file does not name.")
    @reports_errors
    def import_(source: str, replace: bool) -> None:
        """Add or replace the entries of SOURCE (a TSV file, or - for stdin)."""
        from app.cli_users import actor
        from app.pronunciation import import_table

        table = read_table(source)
        opened = services()
        try:
            impact = import_table(opened, table, by=actor(), replace=replace)
            said = f"{len(impact.articles)} articles and {impact.sentences} sentences"
            detail = f"{len(table)} mục{' (thay toàn bộ)' if replace else ''}; {said}"
            opened.store.accounts().record(actor(), "lexicon_import", source, detail)
            click.echo(
                f"{len(table)} entries read; {said} sound otherwise; {impact.queued} re-made"
            )
        finally:
            opened.close()  # the in-process queue finishes the re-making first

    @lexicon.command()
    @click.argument("target", required=False)
    @reports_errors
    def export(target: str | None) -> None:
        """Write every entry as TSV into TARGET (none or -: stdout)."""
        from app.config import load_settings
        from app.services import open_lexicon
        from app.store import open_store

        settings = load_settings()
        store = open_store(settings)
        try:
            open_lexicon(settings, store).current()  # lexicon.tsv, imported on first use
            _write(to_tsv(store.lexicon().entries()), target, sys.stdout)
        finally:
            store.close()

    return lexicon
