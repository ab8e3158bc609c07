"""Hostile input: no pattern may backtrack catastrophically; reading stays linear in the input.

The inputs are what a nested quantifier over digits and separators ("[0-9]+(?:[.,][0-9]+)*"
followed by something that fails), an unbounded run of number words, or a reverse search
over a long context would choke on: 100 KB of digits and separators, long runs of number
words, and one line of 1 MB.
"""

from __future__ import annotations

import random
import subprocess
import time
from pathlib import Path

import pytest

from claims import extract_claims, parse_numbers

# Linear reading of most inputs takes under a second here, the slowest ("1-" repeated, 100 KB)
# about 2 s on an idle machine and 3 s on a loaded one; catastrophic backtracking would take
# minutes. The bound is generous so that the test is about backtracking, not about a loaded machine.
LIMIT_SECONDS = 6.0

_random = random.Random(20240927)

HOSTILE = {
    # Digit groups that almost parse, then fail at the very end.
    "dots then a letter": "1." * 50_000 + "x",
    "groups of three then a comma": "123." * 25_000 + ",x",
    "commas and decimals": "1,2" * 33_000,
    "no-break space groups": "1\u00a0234" * 20_000,
    "slashes and colons": "1/2:3" * 20_000,
    "dashes": "1-" * 50_000,
    "spaced digits": "1 " * 50_000,
    "phone-like runs": "0" + " 12" * 33_000,
    "plus and brackets": "+(0" * 33_000,
    "random digits and separators": "".join(_random.choice("0123456789.,/:-+( \u00a0%") for _ in range(100_000)),
    # Runs of number words: the words anchor is bounded, so no run is read from every word in it.
    "Vietnamese number words": "một trăm hai mươi ba " * 5_000,
    "weak words": "năm " * 25_000,
    "tens and halves": "mười lăm rưỡi " * 7_000,
    "vague amounts": "hàng trăm nghìn " * 6_000,
    "qualifiers without a number": "khoảng hơn gần " * 7_000 + "5",
    "range words": "từ 2 đến " * 10_000,
    # Signs, currency signs and prices per unit: each number looks back for a sign and ahead for "/kg".
    "minus signs and currency signs": "-$-−5 (-3%) hơn -" * 6_000,
    "sign words": "âm " * 25_000 + "5",
    "prices per unit": "5 USD/đồng/kg/" * 7_000,
    "one line of 1 MB of news": (
        "Có khoảng 2.500 lính Mỹ ở Iraq, hơn 150 cuộc tấn công trong 9 tháng, từ 27/9. " * 13_000
    )[:1_000_000],
    "one line of 1 MB of letters": "a" * 1_000_000,
}

HOSTILE_EN = {
    "English number words": "one hundred and twenty-three " * 4_000,
    "English qualifiers": "more than about nearly " * 5_000 + "5",
    "English dates": "on 3rd of June, " * 7_000,
    "English sign words": "more than minus negative " * 4_000 + "5",
    "English prices per unit": "$5 per $5/oz per " * 6_000,
    # Each weak word before a spaced hyphen opened a sixteen-word match, then refused: 2 s per 100 KB.
    "English spaced hyphens": "a - " * 25_000,
    "English spaced hyphens between numbers": "one - one - " * 8_000,
    "English comparison pairs": "more than 10 and less than " * 4_000 + "20",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_vietnamese_input_is_read_in_bounded_time(name):
    text = HOSTILE[name]
    started = time.process_time()
    parse_numbers(text, "vi")
    elapsed = time.process_time() - started
    assert elapsed < LIMIT_SECONDS, f"{name}: {elapsed:.2f} s for {len(text)} characters"


@pytest.mark.parametrize("name", list(HOSTILE) + list(HOSTILE_EN))
def test_hostile_english_input_is_read_in_bounded_time(name):
    text = HOSTILE.get(name) or HOSTILE_EN[name]
    started = time.process_time()
    parse_numbers(text, "en")
    elapsed = time.process_time() - started
    assert elapsed < LIMIT_SECONDS, f"{name}: {elapsed:.2f} s for {len(text)} characters"


def test_every_regex_call_on_text_passes_a_timeout():
    """Each search of user text in claims/numbers is bounded by timeout= (FINDINGS: a nested
    quantifier can hang the stdlib re for minutes; the regex module's timeout bounds any call)."""
    package = Path(__file__).resolve().parent.parent / "claims" / "numbers"
    calls = subprocess.run(
        [
            "grep",
            "-rnE",
            r"\.(match|search|finditer|findall|fullmatch|sub|subn)\(",
            *map(str, sorted(package.glob("*.py"))),
        ],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.splitlines()
    assert calls, "expected pattern calls in claims/numbers"
    missing = [line for line in calls if "timeout=" not in line]
    assert not missing, "regex calls without timeout=:\n" + "\n".join(missing)


def test_the_stdlib_re_is_not_used():
    package = Path(__file__).resolve().parent.parent / "claims" / "numbers"
    for path in package.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "import re\n" not in source and "from re import" not in source, path.name


@pytest.mark.parametrize(
    "unit, lang", [("1-", "en"), ("1-", "vi"), ("năm ", "vi"), ("1 ", "vi"), (" -1", "vi"), ("âm 1 ", "vi")]
)
def test_reading_time_grows_linearly_with_hostile_input(unit, lang):
    """Twice the input takes about twice the time: a backtracking pattern would take four times or more."""

    def seconds(repeats: int) -> float:
        text = unit * repeats
        started = time.process_time()
        parse_numbers(text, lang)
        return time.process_time() - started

    seconds(1_000)  # warm the compiled patterns
    single = min(seconds(20_000) for _ in range(3))
    double = min(seconds(40_000) for _ in range(3))
    assert double < 3 * single + 0.05, f"{unit!r}: {single:.3f} s for 20,000 repeats, {double:.3f} s for 40,000"


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("digits", [400, 5000])
@pytest.mark.parametrize(
    "after",
    [" ½ người", " hundred people", " and a half", " rưỡi", " triệu người", " million and two thirds", "/4", ":30", ""],
)
def test_digits_beyond_a_float_are_no_figure_and_no_crash(lang, digits, after):
    # 400 digits read as a float are infinite, and Python refuses to convert 4,300: a code or junk,
    # never a value to compare or compute with (they crashed on "/4", ":30", "½" after them).
    text = "x " + "9" * digits + after
    mentions = parse_numbers(text, lang=lang)
    assert all(m.value is None or abs(m.value) < float("inf") for m in mentions)
    assert all(m.high is None or m.high == float("inf") or abs(m.high) < float("inf") for m in mentions)
    assert not any(m.start < digits + 2 for m in mentions if m.kind not in ("identifier", "phone"))
    assert extract_claims(text, lang) is not None
