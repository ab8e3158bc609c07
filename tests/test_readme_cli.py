"""Every command and every option of the command line is documented in README.md, in its command's section.

Walks the command tree as `claims --help` shows it, so a new command or option fails here
until the README says what it does (as sqlite-utils checks its CLI reference).
"""

from __future__ import annotations

import regex
import typer
import typer.main
from typer.core import TyperGroup, TyperOption

from claims.cli import app

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
# Options every command has: the Commands section says so once, no section repeats it.
ON_EVERY_COMMAND = {"--help": "shows a command's options; said once in the Commands section"}


def _commands(command=None, path=()):
    """(path, command) for the root and every command and subcommand below it, hidden ones left out."""
    command = command or typer.main.get_command(app)
    yield path, command
    if isinstance(command, TyperGroup):
        for name, sub in command.commands.items():
            if not sub.hidden:
                yield from _commands(sub, (*path, name))


def _long_options(command) -> list[str]:
    ctx = typer.Context(command, info_name="claims")  # get_params adds --help, which needs one
    return [
        name
        for param in command.get_params(ctx)
        if isinstance(param, TyperOption) and not param.hidden
        for name in param.opts + param.secondary_opts
        if name.startswith("--")
    ]


def _section(readme: str, heading: str) -> str | None:
    """The README section whose heading starts with `heading`: the rest of its heading line (which
    may show options, "`claims review ID --confirm|--dismiss`") and the text up to the next heading
    of its level or above."""
    level = heading.split(" ", 1)[0]
    found = regex.search(
        rf"^{regex.escape(heading)}(.*?)(?=^#{{1,{len(level)}}} |\Z)", readme, regex.M | regex.S, timeout=5
    )
    return found.group(1) if found else None


def _mentions(text: str, option: str) -> bool:
    return regex.search(rf"{regex.escape(option)}(?![\w-])", text, timeout=5) is not None


def _commands_section() -> str:
    # The Commands section up to its first command: the options of `claims` itself.
    section = _section(README, "## Commands")
    assert section is not None, "README.md has no '## Commands' section"
    return section.split("\n### ", 1)[0]


def test_the_walk_sees_every_command_and_option():
    # A walk that found nothing would pass every test below.
    paths = {" ".join(path) for path, _ in _commands()}
    assert {"", "extract", "ingest", "audit", "check", "stories", "stories merge"} <= paths
    options = dict((" ".join(path), _long_options(command)) for path, command in _commands())
    assert {"--format", "--lang", "--jobs", "--lexicon"} <= set(options["extract"])
    assert "--version" in options[""] and "--name" in options["stories split"]


def test_the_section_finder_stops_at_the_next_heading():
    readme = (
        "## Commands\nintro --db\n### `claims a`: one\nuses --one\n### `claims b`: two\nuses --two\n## Input\n--x\n"
    )
    assert _section(readme, "### `claims a") == "`: one\nuses --one\n"
    assert _section(readme, "### `claims b").endswith("\nuses --two\n")
    assert _section(readme, "### `claims c") is None
    assert _mentions("`--format table`", "--format") and not _mentions("--format-x", "--format")


def test_every_command_has_its_section():
    missing = [" ".join(path) for path, _ in _commands() if path and _section(README, f"### `claims {path[0]}") is None]
    assert not missing, f"README.md has no '### `claims COMMAND...`' section for: {', '.join(missing)}"


def test_every_subcommand_is_shown_in_its_commands_section():
    missing = [
        " ".join(path)
        for path, _ in _commands()
        if len(path) > 1 and f"claims {' '.join(path)}" not in (_section(README, f"### `claims {path[0]}") or "")
    ]
    assert not missing, f"README.md does not show: {', '.join('claims ' + name for name in missing)}"


def test_every_option_is_documented_in_its_commands_section():
    missing = []
    for path, command in _commands():
        if not path:
            continue
        section = _section(README, f"### `claims {path[0]}") or ""
        if len(path) > 1:
            # A subcommand's options are told where the section shows it: from `claims stories merge` on.
            section = section[section.find(f"claims {' '.join(path)}") :]
        missing += [
            f"claims {' '.join(path)} {option}"
            for option in _long_options(command)
            if option not in ON_EVERY_COMMAND and not _mentions(section, option)
        ]
    assert not missing, "README.md does not document, in the command's section:\n" + "\n".join(missing)


def test_the_options_of_claims_itself_and_help_are_in_the_commands_section():
    intro = _commands_section()
    options = [option for option in _long_options(typer.main.get_command(app))]
    missing = [option for option in options if not _mentions(intro, option)]
    assert not missing, f"the Commands section of README.md does not document: {', '.join(missing)}"
    # --help is on every command (older typer lists it with no command's options): told once, here.
    assert all(_mentions(intro, option) for option in ON_EVERY_COMMAND)
