"""extract_claims against the example corpora in tests/corpus/claims (format: tests/corpus/README.md)."""

from __future__ import annotations

import pytest

from claims import extract_claims
from claims.lang import languages
from claims.numbers.mention import FIGURE_KINDS

from .corpus_format import CORPUS, read_cases

FIELDS = ("subject", "concept", "actor", "location", "time", "kind", "qualifier", "unit")
# Page furniture is kept but marked: "caption=yes", "boilerplate=yes"; unnamed, they must be "no".
FLAGS = {"caption": "is_caption", "boilerplate": "is_boilerplate"}


def _cases():
    for lang in languages(()):  # every bundled pack has a corpus
        for case in read_cases(CORPUS / "claims" / f"{lang}.txt"):
            marks = [pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else []
            yield pytest.param(lang, case, id=case.id, marks=marks)


def _roles(cell: str) -> dict:
    if cell in ("-", ""):
        return {}
    return dict(part.split(":", 1) for part in cell.split(","))


def _describe(found) -> str:
    return "\n".join(
        f"{c.text} | subject={c.subject or '-'} | concept={c.concept or '-'} | actor={c.actor or '-'} | "
        f"location={c.location or '-'} | time={c.time or '-'} | "
        f"roles={','.join(f'{k}:{v}' for k, v in c.roles.items()) or '-'}"
        for c in found
    )


@pytest.mark.parametrize("lang,case", list(_cases()))
def test_corpus_sentence(lang, case):
    found = extract_claims(case.text, lang, published=case.published)
    shown = _describe(found)
    assert [c.text for c in found] == [row[0] for row in case.expected], f"{case.source}: claims differ\n{shown}"
    for claim, row in zip(found, case.expected):
        checks = dict(cell.split("=", 1) for cell in row[1:] if "=" in cell)
        if claim.kind in FIGURE_KINDS:
            checks.setdefault("subject", "-")
            checks.setdefault("concept", "-")
        for flag in FLAGS:
            checks.setdefault(flag, "no")
        for name, expected in checks.items():
            if name in FLAGS:
                actual = "yes" if getattr(claim, FLAGS[name]) else "no"
                assert actual == expected, (
                    f"{case.source}: {claim.text!r} {name}={actual}, expected {expected}\n{shown}"
                )
                continue
            if name == "roles":
                assert claim.roles == _roles(expected), f"{case.source}: {claim.text!r} roles {claim.roles}\n{shown}"
                continue
            assert name in FIELDS, f"{case.source}: unknown field {name}"
            actual = getattr(claim, name) or "-"
            assert actual == expected, f"{case.source}: {claim.text!r} {name}={actual}, expected {expected}\n{shown}"


def test_corpora_are_large_enough():
    # The issue asks for at least 150 Vietnamese and 75 English sentences.
    assert len(read_cases(CORPUS / "claims" / "vi.txt")) >= 150
    assert len(read_cases(CORPUS / "claims" / "en.txt")) >= 75
