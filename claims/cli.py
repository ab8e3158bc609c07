"""The `claims` command line: parse options, call the library, render. Nothing else lives here."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from typer.core import TyperGroup

from claims.errors import ClaimsError
from claims.lang import LEXICON_ENV

stderr = Console(stderr=True, highlight=False, soft_wrap=True)


class _Group(TyperGroup):
    """Turns every error a user can cause into one line on stderr and its exit code, in one place."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ClaimsError as exc:
            stderr.print(f"[bold red]claims: error:[/] {exc}", markup=True, highlight=False)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=_Group,
    help="Track the figures in news articles and flag the ones that disagree.",
    no_args_is_help=True,
    # Locals in a traceback could show a database URL with its password (FINDINGS.md).
    pretty_exceptions_show_locals=False,
    add_completion=False,
)


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class ReportFormat(str, Enum):
    csv = "csv"
    json = "json"
    md = "md"
    html = "html"


class Severity(str, Enum):
    low = "low"
    medium = "medium"
    high = "high"


class Lang(str, Enum):
    auto = "auto"
    vi = "vi"
    en = "en"


Paths = Annotated[list[str], typer.Argument(help="Files, folders, quoted globs, or - for stdin.", show_default=False)]
Db = Annotated[Optional[str], typer.Option("--db", envvar="CLAIMS_DB", help="Database URL (default sqlite:///claims.db).", show_default=False)]
Format = Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")]
Include = Annotated[Optional[str], typer.Option("--include", help="Within folders, only files matching this glob (e.g. '*.txt').")]
MaxBytes = Annotated[Optional[int], typer.Option("--max-bytes", help="Refuse files larger than this many bytes (default 20 MB).")]
FailOn = Annotated[Severity, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")]
ExitZero = Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when discrepancies are found.")]
Story = Annotated[Optional[str], typer.Option("--story", help="Put the articles in this story instead of grouping them automatically.")]


@app.callback()
def _options(
    lexicon: Annotated[Optional[list[Path]], typer.Option("--lexicon", help=f"Extra lexicon folder merged over the bundled data (also ${LEXICON_ENV}).")] = None,
):
    if lexicon:
        existing = [p for p in os.environ.get(LEXICON_ENV, "").split(os.pathsep) if p]
        os.environ[LEXICON_ENV] = os.pathsep.join(existing + [str(p) for p in lexicon])


def _progress(total: int | None, label: str) -> Progress:
    # Progress goes to stderr, and only on a terminal, so `--format json > out.json` stays clean.
    return Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=stderr, transient=True, disable=not stderr.is_terminal,
    )


def _emit(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")


def _read(paths: list[str], include: str | None, max_bytes: int | None):
    from claims.sources import DEFAULT_MAX_BYTES, read_articles

    return read_articles(paths, include=include, max_bytes=max_bytes or DEFAULT_MAX_BYTES, stdin=sys.stdin.buffer)


def _report_problems(problems) -> None:
    for problem in problems:
        stderr.print(f"[red]claims: refused[/] {problem}", markup=True, highlight=False)


@app.command()
def extract(paths: Paths, fmt: Format = ListFormat.table, lang: Annotated[Lang, typer.Option("--lang", help="Language of the articles.")] = Lang.auto,
            include: Include = None, max_bytes: MaxBytes = None):
    """Print the claims of the given articles (no database involved)."""
    from claims.extract.extractor import extract_claims
    from claims.lang import detect_language
    from claims.report import render_claims
    from claims.sources.article import SourceProblem

    rows, problems = [], []
    for item in _read(paths, include, max_bytes):
        if isinstance(item, SourceProblem):
            problems.append(item)
            continue
        code = item.lang or (detect_language(item.text) if lang is Lang.auto else lang.value)
        article = {"id": None, "title": item.title, "path": item.path, "url": item.url, "published": item.published}
        for claim in extract_claims(item.text, code, published=item.published, tail_start=item.tail_start):
            rows.append({"id": None, "article": article, **claim.to_dict()})
    _report_problems(problems)
    _emit(render_claims(rows, fmt.value))
    if problems:
        # Partial success: what could be read was printed, the rest was named on stderr.
        raise typer.Exit(1)


def _ingest(paths, db, story, include, max_bytes):
    from claims.store.database import open_store
    from claims.store.ingest import ingest_articles

    store = open_store(db)
    with _progress(None, "ingesting") as progress:
        task = progress.add_task("ingest", total=None)
        result = ingest_articles(store, _read(paths, include, max_bytes), story=story,
                                 on_item=lambda _item: progress.advance(task))
    _report_problems(result.problems)
    return store, result


@app.command()
def ingest(paths: Paths, db: Db = None, story: Story = None, include: Include = None, max_bytes: MaxBytes = None):
    """Store articles and their claims; text already stored is skipped."""
    _, result = _ingest(paths, db, story, include, max_bytes)
    stderr.print(f"stored {len(result.stored)} article(s) with {result.claims_stored} claim(s); "
                 f"{len(result.already_stored)} already stored; {len(result.problems)} refused", highlight=False)
    if result.problems:
        raise typer.Exit(1)


def _finish(items: list[dict], fmt: str, fail_on: Severity, exit_zero: bool, extra_code: int = 0) -> None:
    from claims.check.triage import failing
    from claims.report import render_discrepancies

    _emit(render_discrepancies(items, fmt))
    failures = failing(items, fail_on.value)
    stderr.print(f"{len(items)} discrepancy(ies) shown, {len(failures)} open at or above {fail_on.value}", highlight=False)
    if extra_code:
        raise typer.Exit(extra_code)
    if failures and not exit_zero:
        raise typer.Exit(1)


@app.command()
def check(db: Db = None, fmt: Format = ListFormat.table, fail_on: FailOn = Severity.low, exit_zero: ExitZero = False,
          show_dismissed: Annotated[bool, typer.Option("--all", help="Show dismissed discrepancies too.")] = False):
    """Compute discrepancies over everything stored and print them."""
    from claims.check.checker import run_check
    from claims.check.triage import discrepancies
    from claims.store.database import open_store

    store = open_store(db)
    result = run_check(store)
    stderr.print(f"checked {result.claims_read} claim(s): {len(result.findings)} discrepancy(ies), {result.new} new", highlight=False)
    _finish(discrepancies(store, include_dismissed=show_dismissed), fmt.value, fail_on, exit_zero)


@app.command()
def audit(paths: Paths, db: Db = None, fmt: Format = ListFormat.table, fail_on: FailOn = Severity.low,
          exit_zero: ExitZero = False, story: Story = None, include: Include = None, max_bytes: MaxBytes = None):
    """Ingest articles, check them against themselves and everything stored, print what involves them."""
    from claims.check.checker import run_check
    from claims.check.triage import discrepancies
    from claims.store.queries import story_ids_of

    store, result = _ingest(paths, db, story, include, max_bytes)
    articles = result.article_ids
    if articles:
        run_check(store, story_ids_of(store, articles))
    items = discrepancies(store, article_ids=articles) if articles else []
    _finish(items, fmt.value, fail_on, exit_zero, extra_code=2 if result.problems else 0)


@app.command("list")
def list_(db: Db = None, fmt: Format = ListFormat.table,
          article: Annotated[Optional[str], typer.Option("--article", help="Article id, or part of its title or path.")] = None,
          subject: Annotated[Optional[str], typer.Option("--subject", "--concept", help="Concept (troops) or part of the subject (lính).")] = None,
          location: Annotated[Optional[str], typer.Option("--location", help="Canonical place name (Iraq).")] = None,
          kind: Annotated[Optional[str], typer.Option("--kind", help="Claim kind (count, percent, date, ...).")] = None,
          limit: Annotated[Optional[int], typer.Option("--limit", help="At most this many claims.")] = None):
    """List stored claims."""
    from claims.report import render_claims
    from claims.store.database import open_store
    from claims.store.queries import list_claims

    store = open_store(db)
    _emit(render_claims(list_claims(store, article=article, subject=subject, location=location, kind=kind, limit=limit), fmt.value))


@app.command()
def conflicts(db: Db = None, fmt: Format = ListFormat.table,
              show_dismissed: Annotated[bool, typer.Option("--all", help="Show dismissed discrepancies too.")] = False,
              severity: Annotated[Severity, typer.Option("--severity", help="Lowest severity shown.")] = Severity.low,
              kind: Annotated[Optional[list[str]], typer.Option("--kind", help="Only these kinds (value, context, scale, arithmetic, update).")] = None):
    """List the discrepancies found by the last check, with their review status."""
    from claims.check.triage import discrepancies
    from claims.report import render_discrepancies
    from claims.store.database import open_store

    store = open_store(db)
    _emit(render_discrepancies(discrepancies(store, include_dismissed=show_dismissed, min_severity=severity.value, kinds=kind), fmt.value))


@app.command()
def review(reference: Annotated[str, typer.Argument(help="Discrepancy id or fingerprint prefix.")], db: Db = None,
           confirm: Annotated[bool, typer.Option("--confirm", help="Mark it as a real error.")] = False,
           dismiss: Annotated[bool, typer.Option("--dismiss", help="Mark it as not an error; hidden from then on.")] = False,
           reopen: Annotated[bool, typer.Option("--reopen", help="Undo an earlier decision.")] = False,
           note: Annotated[Optional[str], typer.Option("--note", help="A note kept with the decision.")] = None,
           reviewer: Annotated[Optional[str], typer.Option("--reviewer", envvar="CLAIMS_REVIEWER", help="Who decided (default: the login name).")] = None,
           fmt: Format = ListFormat.table):
    """Confirm, dismiss or annotate a discrepancy; the decision survives re-ingest and re-check."""
    from claims.check.triage import review as record_review
    from claims.errors import InputError
    from claims.report import render_discrepancies
    from claims.store.database import open_store

    chosen = [name for name, flag in (("confirmed", confirm), ("dismissed", dismiss), ("open", reopen)) if flag]
    if len(chosen) > 1:
        raise InputError("choose one of --confirm, --dismiss, --reopen")
    if not chosen and note is None:
        raise InputError("nothing to record: give --confirm, --dismiss, --reopen or --note")
    who = reviewer or os.environ.get("USER") or os.environ.get("USERNAME")
    item = record_review(open_store(db), reference, chosen[0] if chosen else None, note, who)
    _emit(render_discrepancies([item], fmt.value))


@app.command()
def report(output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
           fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="Report format.")] = ReportFormat.html,
           db: Db = None,
           show_dismissed: Annotated[bool, typer.Option("--all", help="Include dismissed discrepancies.")] = False):
    """Write a discrepancy report for an editor: csv, json, md or a self-contained html page."""
    from datetime import datetime, timezone

    from claims.check.triage import discrepancies
    from claims.errors import InputError
    from claims.report import render_discrepancies
    from claims.store.database import open_store

    items = discrepancies(open_store(db), include_dismissed=show_dismissed)
    generated = datetime.now(timezone.utc).isoformat(timespec="seconds")
    body = render_discrepancies(items, fmt.value, generated_at=generated) if fmt in (ReportFormat.md, ReportFormat.html) \
        else render_discrepancies(items, fmt.value)
    try:
        output.write_text(body, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{output}: cannot write the report ({exc.strerror or exc})") from exc
    stderr.print(f"wrote {len(items)} discrepancy(ies) to {output}", highlight=False)


@app.command()
def stories(db: Db = None, fmt: Format = ListFormat.table):
    """List stories with their articles."""
    from claims.report import render_stories
    from claims.store.database import open_store
    from claims.store.queries import list_stories

    _emit(render_stories(list_stories(open_store(db)), fmt.value))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
