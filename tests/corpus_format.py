"""Read the example corpora under tests/corpus (format: tests/corpus/README.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"


@dataclass
class Case:
    source: str  # file:line, for messages
    section: str
    text: str
    expected: list[list[str]] = field(default_factory=list)  # one row of "|"-separated cells per mention
    xfail: str | None = None
    published: str | None = None

    @property
    def id(self) -> str:
        return f"{self.source} {self.text[:40]}"


def read_cases(path: Path) -> list[Case]:
    cases: list[Case] = []
    section, xfail, published = "", None, None
    current: Case | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip():
            continue
        if line.startswith("## "):
            section = line[3:].strip()
        elif line.startswith("#"):
            continue
        elif line.startswith("@xfail"):
            xfail = line[len("@xfail") :].strip() or "known failure"
        elif line.startswith("@published"):
            published = line[len("@published") :].strip()
        elif line.startswith("> "):
            current = Case(f"{path.name}:{number}", section, line[2:], xfail=xfail, published=published)
            cases.append(current)
            xfail, published = None, None
        elif current is None:
            raise ValueError(f"{path.name}:{number}: a mention line before any '> ' input")
        elif line.strip() == "(none)":
            continue
        else:
            current.expected.append([cell.strip() for cell in line.split("|")])
    return cases


def parse_value(cell: str) -> float | None:
    cell = cell.strip()
    if cell in ("-", ""):
        return None
    if "/" in cell:
        top, bottom = cell.split("/", 1)
        return float(top) / float(bottom)
    return float(cell)


def parse_interval(cell: str) -> tuple[float | None, float | None]:
    low, _, high = cell.partition("..")
    return parse_value(low), parse_value(high)
