"""The `claims` command line: parse options, call the library, render. Nothing else lives here."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from typer.core import TyperGroup

from claims.cli_help import Choices, use_plain_metavars
from claims.errors import ClaimsError
from claims.lang import LEXICON_ENV, check_lexicons
from claims.numbers.mention import KINDS as CLAIM_KINDS

use_plain_metavars()

# emoji=False: a file named "a:fire:.txt" is printed as written, not with an emoji.
stderr = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def _one_line(value) -> str:
    """User text (a file name, a URL, a message quoting one) on one line, with no control or
    bidi character left to rewrite or reorder the terminal."""
    from claims.report.controls import one_line

    return one_line(str(value))


def _literal(value) -> str:
    """User text for a rich markup string: "[/b]" or "[bold]" in a file name is printed as written."""
    from rich.markup import escape

    return escape(_one_line(value))


class _Group(TyperGroup):
    """Turns every error a user can cause into one line on stderr and its exit code, in one place."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ClaimsError as exc:
            stderr.print(f"[bold red]claims: error:[/] {_literal(exc)}", markup=True, highlight=False)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=_Group,
    help="Track the figures in news articles and flag the ones that disagree.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    # Locals in a traceback could show a database URL with its password (FINDINGS.md).
    pretty_exceptions_show_locals=False,
)


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class ConflictFormat(str, Enum):
    """Discrepancy listings (audit, check, conflicts) also read as Markdown."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    md = "md"


class ReportFormat(str, Enum):
    csv = "csv"
    json = "json"
    md = "md"
    html = "html"
    claimreview = "claimreview"


class Severity(str, Enum):
    low = "low"
    medium = "medium"
    high = "high"


class Kind(str, Enum):
    value = "value"
    context = "context"
    scale = "scale"
    arithmetic = "arithmetic"
    update = "update"


# The kinds of claim (claims/numbers/mention.py), for `list --kind`: a typo is a usage error, not no claims.
ClaimKind = Enum("ClaimKind", {kind: kind for kind in CLAIM_KINDS}, type=str)  # type: ignore[misc]


class Status(str, Enum):
    open = "open"
    confirmed = "confirmed"
    dismissed = "dismissed"


def _utf8(value):
    """An option's text as it can be stored and searched. Bytes that are not UTF-8 in an argument
    reach Python as lone surrogates, which no database driver accepts."""
    for text in value if isinstance(value, list) else [value]:
        if text is None:
            continue
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise typer.BadParameter("is not valid UTF-8 text") from None
    return value


Paths = Annotated[list[str], typer.Argument(help="Files, folders, quoted globs, or - for stdin.", show_default=False)]
Db = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="CLAIMS_DB",
        help="Database URL (default: `database` in claims.toml, else sqlite:///claims.db).",
        show_default=False,
    ),
]
Format = Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")]
Include = Annotated[
    str | None, typer.Option("--include", help="Within folders, only files matching this glob (e.g. '*.txt').")
]
# A cap above 1 GB is no cap for news text, and the reader allocates up to the cap for each file.
MAX_BYTES_CEILING = 1 << 30
MaxBytes = Annotated[
    int | None,
    typer.Option(
        "--max-bytes",
        min=1,
        max=MAX_BYTES_CEILING,
        help="Refuse files larger than this many bytes (default 20 MB, at most 1 GB); in JSON Lines, each line.",
    ),
]
FailOn = Annotated[Severity, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")]
ExitZero = Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when discrepancies are found.")]
ConflictsFormat = Annotated[ConflictFormat, typer.Option("--format", "-f", help="Output format.")]
Limit = Annotated[
    int | None,
    typer.Option(
        "--limit",
        min=0,
        help="Show at most this many discrepancies, the most severe first (the exit code still counts them all).",
    ),
]
Summary = Annotated[
    bool,
    typer.Option(
        "--summary",
        help="Instead of the list, count the discrepancies per story, kind and severity, open and reviewed.",
    ),
]
Story = Annotated[
    str | None,
    typer.Option(
        "--story", callback=_utf8, help="Put the articles in this story instead of grouping them automatically."
    ),
]


def _jobs_option(what: str) -> typer.models.OptionInfo:
    return typer.Option("--jobs", "-j", min=1, show_default=False, help=what)


Jobs = Annotated[
    int | None,
    _jobs_option(
        "Processes extracting claims at once (default: the cores this process may use; 1 extracts in this process)."
    ),
]
CheckJobs = Annotated[
    int | None,
    _jobs_option(
        "Processes sharing a large check, story by story (default: the cores this process may use; "
        "the findings are the same)."
    ),
]


# The languages are the pack folders (claims.lang.languages), bundled or in a lexicon folder that
# this very command line may name: the choices are read when help is shown or --lang is checked.
AUTO_LANG = "auto"


def _lang_choices() -> tuple[str, ...]:
    from claims.lang import languages

    return (AUTO_LANG, *languages())


LangOption = Annotated[
    str,
    typer.Option(
        "--lang",
        metavar=Choices(_lang_choices),
        help="Language of the articles that do not declare one: auto detects it, else a language pack's code.",
    ),
]
LEXICON_HELP = (
    f"Extra lexicon folder merged over the bundled data (also ${LEXICON_ENV}, else `lexicons` in claims.toml)."
)
CommandLexicon = Annotated[
    list[Path] | None,
    typer.Option("--lexicon", help="Extra lexicon folder, as `claims --lexicon` (repeat the option for more)."),
]


def _use_lexicons(folders: list[Path] | None) -> None:
    """Lexicon folders from the command line, after those already named: the last one named wins."""
    if folders:
        existing = [p for p in os.environ.get(LEXICON_ENV, "").split(os.pathsep) if p]
        os.environ[LEXICON_ENV] = os.pathsep.join(existing + [str(p) for p in folders])
    if os.environ.get(LEXICON_ENV):
        check_lexicons()  # a broken lexicon file stops the command (exit 2) before any article is read


def _language(ctx: typer.Context, lang: str) -> str | None:
    """The language --lang names (None: detect it), once the lexicon folders of the command are known."""
    choices = _lang_choices()
    if lang not in choices:
        listed = ", ".join(repr(choice) for choice in choices)
        raise typer.BadParameter(f"{_one_line(lang)!r} is not one of {listed}.", ctx=ctx, param_hint="'--lang'")
    return None if lang == AUTO_LANG else lang


def _jobs(jobs: int | None) -> int:
    from claims.extract.pool import default_jobs

    return default_jobs() if jobs is None else jobs


def _iso_date(value: str | None) -> str | None:
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{_one_line(value)!r} is not a date written YYYY-MM-DD") from None


KindFilter = Annotated[list[Kind] | None, typer.Option("--kind", help="Only these kinds (repeat the option for more).")]
SeverityFilter = Annotated[Severity, typer.Option("--severity", help="Lowest severity shown.")]
StoryFilter = Annotated[str | None, typer.Option("--story", callback=_utf8, help="Only this story (its id or name).")]
StatusFilter = Annotated[
    list[Status] | None, typer.Option("--status", help="Only these review statuses (dismissed ones are then shown).")
]
Since = Annotated[
    str | None,
    typer.Option(
        "--since",
        callback=_iso_date,
        metavar="DATE",
        help="Only articles published on or after this date (YYYY-MM-DD).",
    ),
]
Until = Annotated[
    str | None,
    typer.Option(
        "--until",
        callback=_iso_date,
        metavar="DATE",
        help="Only articles published on or before this date (YYYY-MM-DD).",
    ),
]


def _selection(kind, severity, story, status, since, until):
    from claims.check.triage import Selection

    return Selection(
        kinds=tuple(k.value for k in kind or ()),
        min_severity=severity.value,
        story=story,
        statuses=tuple(s.value for s in status or ()),
        since=since,
        until=until,
    )


def _show_version(asked: bool) -> None:
    if asked:
        from importlib.metadata import PackageNotFoundError, version

        try:
            shown = version("claims")
        except PackageNotFoundError:
            shown = "unknown (not installed)"
        sys.stdout.write(f"claims {shown}\n")
        from claims.project import FILE_NAME, find_project_file

        found = find_project_file()
        sys.stdout.write(f"project file: {_one_line(found) if found else f'none (no {FILE_NAME} here or above)'}\n")
        raise typer.Exit(0)


# The options that claims.toml gives a default for, by the Project field that holds it.
_PROJECT_OPTIONS = {"db": "database", "fail_on": "fail_on", "reviewer": "reviewer"}


def _project_defaults(command, project) -> dict:
    """claims.toml's values for `command` and its subcommands, as click's default_map: below the
    command line and the environment variables, above the built-in defaults."""
    defaults = {
        param.name: getattr(project, _PROJECT_OPTIONS[param.name])
        for param in command.params
        if param.name in _PROJECT_OPTIONS and getattr(project, _PROJECT_OPTIONS[param.name]) is not None
    }
    for name, sub in getattr(command, "commands", {}).items():
        defaults[name] = _project_defaults(sub, project)
    return defaults


@app.callback()
def _options(
    ctx: typer.Context,
    show_version: Annotated[
        bool, typer.Option("--version", is_eager=True, callback=_show_version, help="Print the version and exit.")
    ] = False,
    lexicon: Annotated[
        list[Path] | None,
        typer.Option(
            "--lexicon",
            help=LEXICON_HELP,
        ),
    ] = None,
):
    from claims.project import current_project

    project = current_project()
    ctx.default_map = _project_defaults(ctx.command, project)
    if lexicon:
        _use_lexicons(lexicon)
    elif project.lexicons and not os.environ.get(LEXICON_ENV):
        os.environ[LEXICON_ENV] = os.pathsep.join(project.lexicons)


def _progress(label: str) -> Progress:
    # Progress goes to stderr, and only on a terminal, so `--format json > out.json` stays clean.
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=stderr,
        transient=True,
        disable=not stderr.is_terminal,
    )


def _input_files(paths: list[str], include: str | None) -> set[str] | None:
    """The files the inputs name, by origin, for a progress bar's total; None when stdin is one
    of them (a stream has no count) or when no terminal shows the bar (no second walk of the folders)."""
    from claims.sources.paths import Target, expand_paths

    if not stderr.is_terminal:
        return None
    targets = [target for target in expand_paths(paths, include) if isinstance(target, Target)]
    return None if any(target.path is None for target in targets) else {target.origin for target in targets}


def _file_counter(progress: Progress, task, files: set[str]):
    """An on_item callback counting the files finished: items come file by file, and a JSON Lines
    or JSON file's items are named "file:line" or "file#index"."""
    started: set[str] = set()

    def on_item(item) -> None:
        origin = item.origin
        for mark in ":#":
            if origin not in files and mark in origin:
                origin = origin.rpartition(mark)[0]
        if origin in files and origin not in started:
            started.add(origin)
            progress.update(task, completed=len(started) - 1)

    return on_item


def _emit(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")


def _warn(warning: str) -> None:
    # A warning names a loss in an article that is still used; it changes no exit code.
    stderr.print(_one_line(f"claims: warning: {warning}"), markup=False, highlight=False, emoji=False)


def _read(paths: list[str], include: str | None, max_bytes: int | None):
    from claims.pipeline.read import read_sources

    return read_sources(paths, include=include, max_bytes=max_bytes, stdin=sys.stdin.buffer, on_warning=_warn)


def _report_problems(problems) -> None:
    for problem in problems:
        stderr.print(f"[red]claims: refused[/] {_literal(problem)}", markup=True, highlight=False)


@app.command()
def extract(
    ctx: typer.Context,
    paths: Paths,
    fmt: Format = ListFormat.table,
    lang: LangOption = AUTO_LANG,
    include: Include = None,
    max_bytes: MaxBytes = None,
    jobs: Jobs = None,
    lexicon: CommandLexicon = None,
):
    """Print the claims of the given articles (no database involved)."""
    from claims.pipeline.extract import ArticleRead, claim_dicts, extract_articles
    from claims.report import render_claims

    _use_lexicons(lexicon)
    language = _language(ctx, lang)
    rows: list[dict] = []
    problems = []
    # JSON Lines is printed as it is read, a thousand claims at a time: no batch is held whole as rows and text.
    streamed = fmt is ListFormat.jsonl
    for outcome in extract_articles(_read(paths, include, max_bytes), lang=language, jobs=_jobs(jobs)):
        if not isinstance(outcome, ArticleRead):
            problems.append(outcome)
            continue
        for row in claim_dicts(outcome):
            rows.append(row)
            if streamed and len(rows) == 1000:
                _emit(render_claims(rows, fmt.value))
                rows = []
    _report_problems(problems)
    if rows or not streamed:
        _emit(render_claims(rows, fmt.value))
    if problems:
        # Partial success: what could be read was printed, the rest was named on stderr.
        raise typer.Exit(1)


def _ingest(paths, db, story, include, max_bytes, jobs, lexicon):
    from claims.pipeline.ingest import ingest_articles
    from claims.store.database import open_store

    _use_lexicons(lexicon)
    store = open_store(db)
    files = _input_files(paths, include)
    with _progress("ingesting files" if files is not None else "ingesting") as progress:
        # With a known number of files the bar counts files (a JSON Lines file holds many articles); else articles.
        task = progress.add_task("ingest", total=len(files) if files is not None else None)
        on_item = _file_counter(progress, task, files) if files is not None else lambda _item: progress.advance(task)
        result = ingest_articles(
            store, _read(paths, include, max_bytes), story=story, on_item=on_item, jobs=_jobs(jobs)
        )
        if files is not None:
            progress.update(task, completed=len(files))
    _report_problems(result.problems)
    return store, result


@contextmanager
def _check_progress() -> Iterator[Callable[[int, int], None]]:
    """What a check calls with (figures checked, figures to check), shown as a bar on a terminal."""
    with _progress("checking figures") as progress:
        task = progress.add_task("check", total=None)
        yield lambda done, total: progress.update(task, completed=done, total=total)


def _run_check(store, story_ids=None, jobs=1):
    from claims.check.checker import run_check

    with _check_progress() as progress:
        return run_check(store, story_ids, progress=progress, jobs=jobs)


@app.command()
def ingest(
    paths: Paths,
    db: Db = None,
    story: Story = None,
    include: Include = None,
    max_bytes: MaxBytes = None,
    jobs: Jobs = None,
    lexicon: CommandLexicon = None,
):
    """Store articles and their claims; text already stored is skipped."""
    _, result = _ingest(paths, db, story, include, max_bytes, jobs, lexicon)
    _say_stored(result)
    if result.problems:
        raise typer.Exit(1)


def _say_stored(result) -> None:
    stderr.print(
        f"stored {len(result.stored)} article(s) with {result.claims_stored} claim(s); "
        f"{len(result.already_stored)} already stored; {len(result.problems)} refused",
        highlight=False,
    )


def _say_left_out(result) -> None:
    """Why `check` compared fewer claims than are stored, on one line."""
    reasons = result.left_out
    kinds = ", ".join(
        f"{kind} {n}" for kind, n in sorted(result.not_amount_kinds.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    parts = [
        (reasons.get("not_amount", 0), f"not amounts ({kinds})"),
        (reasons.get("boilerplate", 0), "boilerplate"),
        (reasons.get("no_number", 0), "without a number"),
        (reasons.get("no_topic", 0), "without a topic or frame words to match"),
    ]
    shown = [f"{n} {why}" for n, why in parts if n]
    if shown:
        stderr.print(_one_line("not compared: " + "; ".join(shown)), markup=False, highlight=False)


def _show(items: list[dict], fmt: str, limit: int | None, summary: bool) -> str:
    """Print the discrepancies, their summary, or the most severe `limit` of them; says what it shows."""
    from claims.report import render_discrepancies
    from claims.report.summary import most_severe_first, render_summary

    if summary:
        _emit(render_summary(items, fmt))
        return f"{len(items)} discrepancy(ies) counted"
    if limit is None:
        _emit(render_discrepancies(items, fmt))
        return f"{len(items)} discrepancy(ies) shown"
    shown = most_severe_first(items)[:limit]
    _emit(render_discrepancies(shown, fmt))
    if len(shown) < len(items):
        stderr.print(f"{len(items) - len(shown)} more discrepancy(ies) not shown (--limit {limit})", highlight=False)
    return f"{len(shown)} of {len(items)} discrepancy(ies) shown"


def _finish(
    items: list[dict],
    fmt: str,
    fail_on: Severity,
    exit_zero: bool,
    extra_code: int = 0,
    limit: int | None = None,
    summary: bool = False,
) -> None:
    from claims.check.triage import failing

    said = _show(items, fmt, limit, summary)
    # Every discrepancy counts for the exit code, shown or not.
    failures = failing(items, fail_on.value)
    stderr.print(f"{said}, {len(failures)} open at or above {fail_on.value}", highlight=False)
    if extra_code:
        raise typer.Exit(extra_code)
    if failures and not exit_zero:
        raise typer.Exit(1)


@app.command()
def check(
    db: Db = None,
    fmt: ConflictsFormat = ConflictFormat.table,
    fail_on: FailOn = Severity.low,
    exit_zero: ExitZero = False,
    show_dismissed: Annotated[bool, typer.Option("--all", help="Show dismissed discrepancies too.")] = False,
    limit: Limit = None,
    summary: Summary = False,
    jobs: CheckJobs = None,
):
    """Compute discrepancies over everything stored and print them."""
    from claims.check.triage import discrepancies
    from claims.store.database import open_store

    store = open_store(db)
    result = _run_check(store, jobs=_jobs(jobs))
    stderr.print(
        f"checked {result.claims_read} of {result.claims_stored} stored claim(s): "
        f"{len(result.findings)} discrepancy(ies), {result.new} new",
        highlight=False,
    )
    _say_left_out(result)
    _finish(
        discrepancies(store, include_dismissed=show_dismissed),
        fmt.value,
        fail_on,
        exit_zero,
        limit=limit,
        summary=summary,
    )


@app.command()
def audit(
    paths: Paths,
    db: Db = None,
    fmt: ConflictsFormat = ConflictFormat.table,
    fail_on: FailOn = Severity.low,
    exit_zero: ExitZero = False,
    story: Story = None,
    include: Include = None,
    max_bytes: MaxBytes = None,
    limit: Limit = None,
    summary: Summary = False,
    jobs: Jobs = None,
    lexicon: CommandLexicon = None,
):
    """Ingest articles, check them against themselves and everything stored, print what involves them."""
    from claims.pipeline.audit import check_ingested

    store, result = _ingest(paths, db, story, include, max_bytes, jobs, lexicon)
    _say_stored(result)
    with _check_progress() as progress:
        items = check_ingested(store, result.article_ids, progress=progress)
    _finish(items, fmt.value, fail_on, exit_zero, extra_code=2 if result.problems else 0, limit=limit, summary=summary)


@app.command("list")
def list_(
    db: Db = None,
    fmt: Format = ListFormat.table,
    article: Annotated[
        str | None, typer.Option("--article", callback=_utf8, help="Article id, or part of its title or path.")
    ] = None,
    subject: Annotated[
        str | None,
        typer.Option("--subject", "--concept", callback=_utf8, help="Concept (troops) or part of the subject (lính)."),
    ] = None,
    location: Annotated[
        str | None, typer.Option("--location", callback=_utf8, help="Canonical place name (Iraq).")
    ] = None,
    kind: Annotated[ClaimKind | None, typer.Option("--kind", help="Claim kind.")] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit", min=0, help="At most this many claims (0 lists none; a negative number is a usage error)."
        ),
    ] = None,
):
    """List stored claims."""
    from claims.report import render_claims
    from claims.store.database import open_store
    from claims.store.queries import list_claims

    store = open_store(db)
    _emit(
        render_claims(
            list_claims(
                store,
                article=article,
                subject=subject,
                location=location,
                kind=kind.value if kind else None,
                limit=limit,
            ),
            fmt.value,
        )
    )


@app.command()
def conflicts(
    db: Db = None,
    fmt: ConflictsFormat = ConflictFormat.table,
    show_dismissed: Annotated[bool, typer.Option("--all", help="Show dismissed discrepancies too.")] = False,
    severity: SeverityFilter = Severity.low,
    kind: KindFilter = None,
    story: StoryFilter = None,
    status: StatusFilter = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = None,
    summary: Summary = False,
):
    """List the discrepancies found by the last check, with their review status."""
    from claims.check.triage import discrepancies
    from claims.store.database import open_store

    store = open_store(db)
    selection = _selection(kind, severity, story, status, since, until)
    _show(discrepancies(store, include_dismissed=show_dismissed, selection=selection), fmt.value, limit, summary)


@app.command()
def review(
    reference: Annotated[str, typer.Argument(help="Discrepancy id or fingerprint prefix.")],
    db: Db = None,
    confirm: Annotated[bool, typer.Option("--confirm", help="Mark it as a real error.")] = False,
    dismiss: Annotated[bool, typer.Option("--dismiss", help="Mark it as not an error; hidden from then on.")] = False,
    reopen: Annotated[bool, typer.Option("--reopen", help="Undo an earlier decision.")] = False,
    note: Annotated[str | None, typer.Option("--note", callback=_utf8, help="A note kept with the decision.")] = None,
    reviewer: Annotated[
        str | None,
        typer.Option(
            "--reviewer", envvar="CLAIMS_REVIEWER", callback=_utf8, help="Who decided (default: the login name)."
        ),
    ] = None,
    fmt: Format = ListFormat.table,
):
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
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write, or - for standard output.")],
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format", "-f", help="Report format (default: from the file's extension, else html).", show_default=False
        ),
    ] = None,
    db: Db = None,
    show_dismissed: Annotated[bool, typer.Option("--all", help="Include dismissed discrepancies.")] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite OUTPUT even when it is not a report written by claims.")
    ] = False,
    severity: SeverityFilter = Severity.low,
    kind: KindFilter = None,
    story: StoryFilter = None,
    status: StatusFilter = None,
    since: Since = None,
    until: Until = None,
):
    """Write a discrepancy report for an editor: csv, json, md or a self-contained html page;
    claimreview writes the confirmed ones as schema.org ClaimReview JSON-LD (.jsonld).

    An existing OUTPUT is replaced only when it is a claims report (or empty), so a mistyped
    `-o claims.db` cannot destroy the database."""
    from dataclasses import replace
    from datetime import datetime

    from claims.check.triage import discrepancies
    from claims.report import render_report
    from claims.report.output import STDOUT, check_overwritable, report_format, write_report
    from claims.store.database import open_store

    chosen = report_format(output, fmt.value if fmt else None)
    # Before the database is opened: `-o claims.db` must not touch it at all.
    if str(output) != STDOUT:
        check_overwritable(output, force)
    selection = _selection(kind, severity, story, status, since, until)
    if chosen == "claimreview":
        # A fact-check is published only for what an editor confirmed.
        selection = replace(selection, statuses=("confirmed",))
    items = discrepancies(open_store(db), include_dismissed=show_dismissed, selection=selection)
    generated = datetime.now(UTC).isoformat(timespec="seconds")
    body = render_report(items, chosen, generated_at=generated)
    if str(output) == STDOUT:
        sys.stdout.write(body)
        sys.stdout.flush()
    else:
        write_report(output, body, force)
    stderr.print(
        f"wrote {len(items)} discrepancy(ies) to {'standard output' if str(output) == STDOUT else _literal(output)}",
        highlight=False,
    )


@app.command()
def metadata(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write, or - for standard output.")] = Path(
        "-"
    ),
    db: Db = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite OUTPUT even when it is not metadata written by claims.")
    ] = False,
):
    """Write datasette metadata describing every table, view and column: `datasette claims.db --metadata FILE`."""
    from claims.store.database import database_url
    from claims.store.metadata import metadata_json, served_name, write_metadata

    body = metadata_json(served_name(database_url(db)))
    if str(output) == "-":
        sys.stdout.write(body)
        return
    write_metadata(output, body, force)
    stderr.print(f"wrote datasette metadata to {_literal(output)}", highlight=False)


stories_app = typer.Typer(
    cls=_Group,
    help="List stories (what their articles share), or correct the grouping.",
    invoke_without_command=True,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(stories_app, name="stories")
StoryRef = Annotated[str, typer.Argument(help="Story id or exact name.", show_default=False)]


@stories_app.callback()
def stories(ctx: typer.Context, db: Db = None, fmt: Format = ListFormat.table):
    """List stories with their articles and what they share; subcommands correct the grouping."""
    if ctx.invoked_subcommand is not None:
        return
    from claims.report import render_stories
    from claims.store.database import open_store
    from claims.store.queries import list_stories

    _emit(render_stories(list_stories(open_store(db)), fmt.value))


def _story_edit(db: str | None, edit, *args) -> None:
    from claims.store.database import open_store

    store = open_store(db)
    story_id = edit(store, *args)
    stderr.print(f"story {story_id} updated; run `claims check` to compare its articles again", highlight=False)


@stories_app.command("rename")
def stories_rename(story: StoryRef, name: Annotated[str, typer.Argument(help="The new name.")], db: Db = None):
    """Give a story a new name (kept across re-grouping)."""
    from claims.store.story_edits import rename_story

    _story_edit(db, rename_story, story, name)


@stories_app.command("merge")
def stories_merge(
    story: StoryRef,
    other: Annotated[str, typer.Argument(help="The story merged into the first, which keeps its name.")],
    db: Db = None,
):
    """Move every article of OTHER into STORY."""
    from claims.store.story_edits import merge_stories

    _story_edit(db, merge_stories, story, other)


@stories_app.command("split")
def stories_split(
    story: StoryRef,
    articles: Annotated[
        list[str], typer.Argument(help="Articles (id, path or content-hash prefix) taken out into a new story.")
    ],
    name: Annotated[
        str | None, typer.Option("--name", help="Name of the new story (default: after its first article).")
    ] = None,
    db: Db = None,
):
    """Take some articles out of STORY into a new story."""
    from claims.store.story_edits import split_story

    _story_edit(db, split_story, story, articles, name)


@stories_app.command("move")
def stories_move(
    article: Annotated[str, typer.Argument(help="Article id, path or content-hash prefix.")],
    story: StoryRef,
    db: Db = None,
):
    """Put one article in another story."""
    from claims.store.story_edits import move_article

    _story_edit(db, move_article, article, story)


@stories_app.command("regroup")
def stories_regroup(db: Db = None):
    """Group every article again with today's grouping; manual stories and editors' corrections stay."""
    from claims.store.database import open_store
    from claims.store.story_regroup import regroup_stories

    count = regroup_stories(open_store(db))
    stderr.print(
        f"{count} story(ies) after regrouping; run `claims check` to compare their articles again", highlight=False
    )


def main() -> None:
    app()


if __name__ == "__main__":
    main()
