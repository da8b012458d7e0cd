"""``baonoi``: thin commands over the pipeline. Exit 0 on success, 1 on error, 2 on misuse."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from app.audio import CODECS
from app.cli_users import user as user_commands
from app.errors import BaonoiError, InputError
from app.speech.engines import engine_names

if TYPE_CHECKING:
    from app.services import Services

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(command: F) -> F:
    """Print our errors on stderr (English, then Vietnamese) and exit 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except BaonoiError as exc:
            detail = f" ({exc.detail})" if exc.detail else ""
            click.echo(f"error: {exc.message_en}{detail}\nlỗi: {exc.message_vi}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _services(**overrides: Any) -> Services:
    """The services, configured and bound to the in-process queue as for the web service."""
    from app import worker
    from app.config import load_settings
    from app.services import build_services

    services = build_services(load_settings(overrides or None))
    worker.attach(services, requeue=False)  # a one-off command takes on no one's jobs
    return services


def _is_url(source: str) -> bool:
    """Whether ``source`` is a URL (any scheme goes to the fetcher, which refuses all but http)."""
    return "://" in source


def _fetched(url: str) -> bytes:
    """The page at ``url``, through the configured fetcher (allow-list and all)."""
    services = _services()
    try:
        return services.fetcher.fetch(url).body
    finally:
        services.close()


def _read_file(source: str) -> bytes:
    """Bytes of a file, or of stdin (``-``)."""
    if source == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise InputError(
            f"Cannot read {source}: {exc.strerror}", f"Không đọc được {source}: {exc.strerror}"
        ) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Báo nói: Vietnamese articles as accessible reader pages and audio."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
@reports_errors
def serve(host: str, port: int, workers: int) -> None:
    """Run the web service (waitress: slow clients hold no thread)."""
    from app.serve import run

    run(host, port, workers)


@main.command()
@reports_errors
def worker() -> None:
    """Run an RQ worker for audio jobs (needs BAONOI_REDIS_URL)."""
    from app.worker import run_worker

    services = _services()
    try:
        run_worker(services, count_in_files=True)
    finally:
        services.close()


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--id", "article_id", help="Article id (only with a single source).")
@reports_errors
def ingest(sources: tuple[str, ...], article_id: str | None) -> None:
    """Ingest pages (files, - for stdin, or URLs); print "<id>\\t<reader path>" per article."""
    from app.pipeline import ingest as run_ingest
    from app.pipeline import ingest_url

    if article_id and len(sources) > 1:
        raise click.UsageError("--id needs exactly one SOURCE")
    services = _services()
    try:
        with _progress(sources) as items:
            for source in items:
                if _is_url(source):
                    article, _ = ingest_url(services, source, article_id=article_id)
                else:
                    article, _ = run_ingest(services, _read_file(source), article_id=article_id)
                click.echo(f"{article.id}\t/articles/{article.id}")
    finally:
        services.close()  # waits for the in-process audio jobs


def _feeds_of_environment(value: str | None) -> tuple[str, ...]:
    """The feeds of ``WATCH_FEEDS``: addresses separated by commas or white space."""
    return tuple((value or "").replace(",", " ").split())


@main.command()
@click.argument("feeds", nargs=-1)
@click.option(
    "--interval",
    default=300,
    show_default=True,
    envvar="WATCH_INTERVAL_S",
    type=click.IntRange(10, 86_400),
    help="Seconds between passes over the feeds (or WATCH_INTERVAL_S).",
)
@click.option("--once", is_flag=True, help="One pass over the feeds, then exit (for cron).")
@reports_errors
def watch(feeds: tuple[str, ...], interval: int, once: bool) -> None:
    """Ingest new and changed articles of RSS, Atom or sitemap FEEDS on allowed hosts.

    Without FEED arguments the feeds are those of WATCH_FEEDS; with none at all there is nothing
    to watch, which is said once, and the command ends (exit 0) without restarting anything.
    """
    from app.watch import watch_feed

    feeds = feeds or _feeds_of_environment(os.environ.get("WATCH_FEEDS"))
    if not feeds:
        click.echo(
            "baonoi watch: no feed given and WATCH_FEEDS is empty: nothing to watch\n"
            "baonoi watch: không có nguồn tin nào, WATCH_FEEDS trống: không có gì để theo dõi",
            err=True,
        )
        return
    services = _services()
    failed = False
    try:
        while True:
            for feed in feeds:
                try:
                    report = watch_feed(services, feed, _entries_progress)
                except BaonoiError as exc:
                    failed = True
                    click.echo(f"{feed}: {exc.message_en} / {exc.message_vi}", err=True)
                    continue
                failed = failed or bool(report.failed)
                for url, code in report.failed:
                    click.echo(f"{url}: {code}", err=True)
                click.echo(
                    f"{feed}\tnew {len(report.new)}\tchanged {len(report.changed)}"
                    f"\tunchanged {report.unchanged}\tfailed {len(report.failed)}"
                    + (f"\tdeferred {report.deferred}" if report.deferred else "")
                )
            if once:
                break
            time.sleep(interval)
    finally:
        services.close()  # waits for the in-process audio jobs
    if failed:
        sys.exit(1)


def _entries_progress(entries: list[Any]) -> Any:
    """A progress bar over a feed's entries on a terminal; else the entries."""
    if len(entries) > 1 and sys.stderr.isatty():
        return click.progressbar(entries, label="Đang đọc nguồn tin", file=sys.stderr)
    return contextlib.nullcontext(entries)


def _progress(items: tuple[str, ...]) -> Any:
    """A progress bar on a terminal when there are several items; else the items."""
    if len(items) > 1 and sys.stderr.isatty():
        return click.progressbar(items, label="Đang nhập bài", file=sys.stderr)
    return _Plain(items)


class _Plain:
    """A context manager yielding items unchanged (no terminal, or one item)."""

    def __init__(self, items: tuple[str, ...]) -> None:
        self.items = items

    def __enter__(self) -> Iterator[str]:
        return iter(self.items)

    def __exit__(self, *exc: object) -> None:
        return None


@main.command()
@click.argument("files", nargs=-1, required=True)
@reports_errors
def extract(files: tuple[str, ...]) -> None:
    """Extract articles from pages (.html, .html.gz or -) as JSON Lines."""
    from app.pipeline import extract_article

    for name in files:
        article = extract_article(_fetched(name) if _is_url(name) else _read_file(name))
        click.echo(
            json.dumps(
                {
                    "file": name,
                    "title": article.title,
                    "published": article.published.isoformat() if article.published else None,
                    "author": article.author,
                    "lead": article.lead,
                    "headings": article.headings,
                    "captions": article.captions,
                    "paragraphs": article.paragraphs,
                    "text": article.text,
                    "html": article.body_html,
                },
                ensure_ascii=False,
            )
        )


@main.command()
@click.option("--jsonl", is_flag=True, help='Read and write lines of {"html": "..."}.')
@reports_errors
def sanitize(jsonl: bool) -> None:
    """Sanitize an HTML fragment from stdin."""
    from app.clean import sanitize as clean

    if not jsonl:
        click.echo(clean(sys.stdin.read()))
        return
    for number, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            html = item["html"]
            if not isinstance(html, str):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            raise InputError(
                f'line {number}: expected {{"html": "..."}}',
                f'dòng {number}: cần {{"html": "..."}}',
            ) from None
        click.echo(json.dumps({"html": clean(html)}, ensure_ascii=False))


@main.command()
@click.argument("text", required=False)
@reports_errors
def normalize(text: str | None) -> None:
    """Print the spoken form of TEXT, or of each stdin line (one output line per input line)."""
    from app.config import load_settings
    from app.speech.normalize import load_lexicon
    from app.speech.normalize import normalize as speak_form

    lexicon = load_lexicon(load_settings().data_dir / "lexicon.tsv")
    if text is not None:
        click.echo(speak_form(text, lexicon))
        return
    for line in sys.stdin:
        click.echo(speak_form(line.rstrip("\n"), lexicon).replace("\n", " "))


@main.command()
@click.argument("article_id")
@click.option(
    "--engine",
    help=f"One of {', '.join(engine_names())}, or several in order (piper,espeak).",
)
@click.option("--format", "fmt", type=click.Choice(list(CODECS)), default="mp3", show_default=True)
@reports_errors
def speak(article_id: str, engine: str | None, fmt: str) -> None:
    """Synthesize an article's audio if needed and print the file's path."""
    from app.audiostate import audio_path
    from app.pipeline import get_article, synthesize

    services = _services(**({"tts_engine": engine} if engine else {}))
    try:
        synthesize(services, article_id)
        click.echo(audio_path(services, get_article(services, article_id).audio_key, fmt))
    finally:
        services.close()


def _engine_use(settings: Any) -> None:
    """Characters sent to each engine this month (from the store), against its budget."""
    from app.speech.engines import ENGINES
    from app.store import keys, open_store

    try:
        store = open_store(settings)
        try:
            names = {keys.engine_chars(name): name for name in ENGINES}
            used = {names[k]: v for k, v in store.counters(list(names)).items()}
        finally:
            store.close()
    except BaonoiError as exc:
        click.echo(f"use this month: unknown ({exc.message_en})")
        return
    click.echo(f"characters sent this month ({keys.month()}):")
    for name in ENGINES:
        limit = settings.monthly_chars(name)
        if used[name] or limit:
            budget = f" of {limit:,} ({100 * used[name] / limit:.1f}%)" if limit else ""
            click.echo(f"  {name}: {used[name]:,}{budget}")
    if not any(used.values()):
        click.echo("  none")


@main.command()
@reports_errors
def voices() -> None:
    """List the engines, the configured list, and the Piper voice (model, rate, speakers)."""
    from app.config import load_settings
    from app.speech.engines import EngineOptions, configured_voice, parse_engines, parse_voices
    from app.speech.engines.labels import voice_label

    settings = load_settings()
    chosen = parse_engines(settings.tts_engine)
    click.echo(f"engines: {', '.join(engine_names())} (auto = gtts,espeak)")
    click.echo(f"BAONOI_TTS_ENGINE={settings.tts_engine}: {', '.join(chosen)}")
    for name in chosen:
        if name != "piper":
            click.echo(f"{name}: {voice_label(name, configured_voice(name, settings))}")
    for index, choice in enumerate(parse_voices(settings.voices)):
        default = " (default)" if index == 0 else ""
        click.echo(f"listener's voice {choice.id}{default}: {choice.label} = {choice.spec}")
    _engine_use(settings)
    try:
        from app.speech.engines.piper import load_piper

        piper = load_piper(EngineOptions.from_settings(settings))
    except BaonoiError as exc:
        click.echo(f"piper: {exc.message_en}\npiper: {exc.message_vi}")
        if "piper" in chosen:
            sys.exit(1)
        return
    facts = piper.facts
    click.echo(
        f"piper: {voice_label('piper', piper.voice)}\n"
        f"  model: {facts.model}\n"
        f"  language: {facts.language}\n"
        f"  sample rate: {facts.sample_rate} Hz\n"
        f"  speakers: {', '.join(facts.speakers) or '1 (single speaker)'}\n"
        f"  speaker used: {piper.speaker_id if piper.speaker_id is not None else 'default'}\n"
        f"  sha256 (.onnx + .onnx.json): {facts.digest}"
    )


main.add_command(user_commands)  # baonoi user add|list|remove|passwd

if __name__ == "__main__":
    main()
