"""Plain metavars in `--help`: "--db TEXT", "--format [table|json]", "PATHS..." rather than the
"<str>", "<bool>" and "{paths}" that typer 0.29 prints, which read like code to a newsroom."""

from __future__ import annotations

from collections.abc import Callable
from typing import get_args

from typer.core import TyperArgument, TyperOption

_NAMES = {str: "TEXT", int: "INTEGER", float: "FLOAT"}


class Choices(str):
    """A metavar listing choices that are known only when the command runs ("[auto|vi|en]"): the
    languages include those of the lexicon folders the command line names, read after the
    options are declared. It is a str, so whatever formats the metavar gets the choices."""

    def __new__(cls, choices: Callable[[], tuple[str, ...]]) -> Choices:
        made = super().__new__(cls, "CHOICE")
        made.choices = choices
        return made

    choices: Callable[[], tuple[str, ...]]

    def __str__(self) -> str:
        return "[" + "|".join(self.choices()) + "]"


def _element(annotation):
    args = get_args(annotation)
    return args[0] if args else annotation


def plain_metavar(param) -> str | None:
    """What an option takes, as the usual command-line convention names it; None for a flag."""
    if param.metavar is not None:
        return str(param.metavar)
    if isinstance(param, TyperOption) and (param.is_flag or param.count):
        return None
    described = param.type_descriptor
    if described.is_choice:
        return "[" + "|".join(str(getattr(choice, "value", choice)) for choice in described.choices or ()) + "]"
    if described.is_path:
        return "PATH"
    annotation = _element(described.annotation) if described.is_list else described.annotation
    return _NAMES.get(annotation, getattr(annotation, "__name__", str(annotation)).upper())


def _option_type(self, ctx):
    return plain_metavar(self)


def _argument_type(self, ctx):
    return plain_metavar(self)


def _argument_name(self) -> str:
    name = (self.metavar or self.name or "").upper()
    return name + ("..." if self.nargs != 1 else "")


# Older typer (0.16) prints what click's make_metavar returns, as the str it is ("CHOICE"), and has
# no display_type_rich; newer typer has no make_metavar on its options.
_typer_make_metavar = getattr(TyperOption, "make_metavar", None)


def _make_metavar(self, ctx=None) -> str:
    if isinstance(self.metavar, Choices):
        return str(self.metavar)
    assert _typer_make_metavar is not None  # installed only where typer has it
    return _typer_make_metavar(self, ctx)


def use_plain_metavars() -> None:
    """Install the plain metavars on typer's parameter classes (only the CLI calls this)."""
    if _typer_make_metavar is not None:
        TyperOption.make_metavar = _make_metavar  # type: ignore[attr-defined]
    # Replacing typer's methods is the point here: typer has no setting for the names it prints.
    TyperOption.display_type_rich = _option_type  # type: ignore[method-assign]
    TyperArgument.display_type_rich = _argument_type  # type: ignore[method-assign]
    TyperArgument._rich_display_name = _argument_name  # type: ignore[method-assign]
    TyperArgument._usage_display_name = _argument_name  # type: ignore[method-assign]
