"""Plain metavars in `--help`: "--db TEXT", "--format [table|json]", "PATHS..." rather than the
"<str>", "<bool>" and "{paths}" that typer 0.29 prints, which read like code to a newsroom."""

from __future__ import annotations

from typing import get_args

from typer.core import TyperArgument, TyperOption

_NAMES = {str: "TEXT", int: "INTEGER", float: "FLOAT"}


def _element(annotation):
    args = get_args(annotation)
    return args[0] if args else annotation


def plain_metavar(param) -> str | None:
    """What an option takes, as the usual command-line convention names it; None for a flag."""
    if param.metavar is not None:
        return param.metavar
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


def use_plain_metavars() -> None:
    """Install the plain metavars on typer's parameter classes (only the CLI calls this)."""
    TyperOption.display_type_rich = _option_type
    TyperArgument.display_type_rich = _argument_type
    TyperArgument._rich_display_name = _argument_name
    TyperArgument._usage_display_name = _argument_name
