r"""How much of Microsoft Recognizers-Text's English number specs claims' parse_numbers passes (issue #15).

    git clone https://github.com/microsoft/Recognizers-Text /work/src/recognizers     # outside the repository
    python3 benchmarks/recognizers_specs.py --spec-dir /work/src/recognizers
    python3 benchmarks/recognizers_specs.py --spec-dir /work/src/recognizers \
        --skip benchmarks/recognizers_skip.tsv --show 2

Recognizers-Text keeps language-neutral JSON specs that every port of it must pass; three of them
hold English numbers: Specs/Number/English/NumberModel.json, PercentModel.json and
NumberRangeModel.json. Each case is an Input and the Results expected in it (Text, TypeName,
Resolution.value, Start and End, End inclusive). The specs are not bundled: `--spec-dir` is the
folder holding Specs/Number/English (a clone of the repository), or that English folder itself.

An expected result is found when one mention of `claims.parse_numbers(input, lang="en")` covers its
span (the same span or a longer one, "more than half" for "half"), and found with the right value
when that mention also reads the spec's value:
  number       the mention's value, to 1e-9 relative (the spec rounds to 15 digits)
  percentage   the mention is a percent and its value, "%" put back, is the spec's ("20%")
  numberrange  the interval the mention's qualifier gives, with its open and closed sides, is the one
               the spec writes ("(20,)" more than 20, "[30,)" at least 30, "(,700]" up to 700). A
               range of claims ("between 20 and 30", "1000-5000") bounds both ends, so it is written
               "[20,30]"; the spec writes such ranges half-open, "[20,30)", and the miss is counted
               under its own category so the convention can be told from a misreading.
A miss goes in one category inferred from the expected text (spelled fractions, Indian crore and
lakh, suffix letters, comparison ranges...) and one mode: not found (no mention touches the span),
partial span (mentions cover part of it: "one hundred and three" of "one hundred and three and two
thirds", "20" of "equals 20") or wrong value. False figures are the mentions claims reports that
overlap no expected result, of the spec's own type (any figure for NumberModel, percents for
PercentModel, qualified or ranged figures for NumberRangeModel); identifiers and phone numbers,
which claims reads as no figure, never count. Cases a spec marks NotSupported for the Python port
are counted too (py-unsup), for scale: most of NumberRangeModel is.

Wrong sign or size counts the expected values that a mention overlapping them (found, partial span or
wrong value) reads with the other sign or off by a factor of SIZE_FACTOR or more ("- 10  k" read as
10, "a half" as 1): misread scales, fractions and ratios, not the 10 % of "about" or a range's sides.
tests/test_recognizers_specs.py imports `load_skips`, `score_specs` and `totalled` to assert the
issue's acceptance when a clone is at hand.

`--skip FILE` leaves out the cases of a TSV (spec file, a regular expression searched in the Input,
the reason): benchmarks/recognizers_skip.tsv lists what news does not need. Figures are printed
before and after skipping. Measures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import regex

from claims import parse_numbers

SPEC_FILES = ("NumberModel.json", "PercentModel.json", "NumberRangeModel.json")
TIMEOUT = 1.0  # spec inputs are one sentence each
# Kinds claims reports as "a number, but not a figure": never a false figure.
NOT_FIGURES = frozenset({"identifier", "phone"})

# A value read off by this factor or more is of the wrong size ("2.33 k" read as 2.33, "a half" as
# 1): a misread scale, fraction or ratio, which neither the 10 % claims allows "about" nor a
# half-open side ([20,30) against [20,30]) can explain.
SIZE_FACTOR = 2.0
# Qualifiers under which a mention reads one number (its `value`) rather than an interval.
POINT_QUALIFIERS = frozenset({"exact", "approx", "nearly"})

# The spec's interval notation: "[10,20)", "(,30)", "[170,170]".
INTERVAL = regex.compile(r"^\s*([\[(])\s*([^,\s]*)\s*,\s*([^,\s]*)\s*([\])])\s*$")

# Categories of misses, first match wins, tried on the expected text in lower case. Ordered from the
# narrowest form to the broadest, so "three twenty-firsts" lands in fractions, not number words.
FRACTION_WORD = (
    r"(?:half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?"
    r"|twentieths?|thirtieths?|hundredths?|thousandths?|millionths?|billionths?|trillionths?|firsts)"
)
CATEGORIES = (
    ("Indian crore/lakh and 12,34,567 grouping", r"\b(?:crore|lakh)\b|\d{1,2},\d\d,\d{3}"),
    ("powers and scientific notation (^, e10, x10^6)", r"\^|\d\s*e[+-]?\d|x\s*10"),
    ("Unicode vulgar fractions (½, ⅔)", r"[\u00bc-\u00be\u2150-\u215e]"),
    ("spoken decimals (point, nought)", r"\b(?:point|nought|naught)\b"),
    ("fractions as 'X over/out of/in Y'", r"^(?:minus |negative )?\S+(?: \S+)* (?:over|out of|in) \S"),
    ("dozens", r"\bdoz|\bdzs\b"),
    (
        "fraction joined to a scale word (half million, 3 million and a quarter)",
        rf"\b{FRACTION_WORD}\b.*\b(?:million|billion)|\b(?:million|billion)\b.*\b{FRACTION_WORD}\b",
    ),
    ("ordinals in ranges (the tenth)", r"\b(?:tenth|fifteenth)\b"),
    ("spelled fractions (two thirds, three twenty-firsts)", rf"\b{FRACTION_WORD}\b|[a-z]\s+(?:first|fifth)\b"),
    ("suffix scale letters and abbreviations (10k, 1.2b, 1mm, bln)", r"\d\s*(?:k|m|g|b|mm|mil|bln|tln)\b"),
    ("negative numbers (minus, negative, -)", r"^(?:minus|negative|-)"),
)
CATEGORIES = tuple((name, regex.compile(pattern)) for name, pattern in CATEGORIES)
RANGE_CATEGORIES = (
    ("range symbols (>, <=, ~)", r"[<>=~]"),
    ("'equal to' as an exact range", r"^(?:is )?equal(?:s|ing)?\b(?!.*\b(?:more|less|greater)\b)"),
    (
        "two-sided ranges in comparison words (more than X and less than Y)",
        r"\b(?:than|least|most|above|over)\b.*\b(?:and|but)\b.*\b(?:than|least|most|below|under)\b|[,].*\bthan\b",
    ),
    ("'or more'/'or less'/'or equal' around the number", r"\bor\b"),
    ("one-sided comparison ranges (more than X, up to X, exceeding X)", r"."),
)
RANGE_CATEGORIES = tuple((name, regex.compile(pattern)) for name, pattern in RANGE_CATEGORIES)


@dataclass
class FileScore:
    cases: int = 0
    python_unsupported: int = 0
    expected: int = 0
    found: int = 0
    right: int = 0
    false_figures: int = 0
    wrong_size: int = 0  # expected values a mention reads with the other sign or off by a factor of SIZE_FACTOR
    misses: dict = field(default_factory=lambda: defaultdict(list))  # category -> [(mode, case input, expected, got)]
    extras: list = field(default_factory=list)
    wrong_sizes: list = field(default_factory=list)  # [(case input, expected, got)]


def input_error(message: str) -> SystemExit:
    """A bad file or folder given on the command line: one line, exit code 2."""
    print(message, file=sys.stderr)
    return SystemExit(2)


def spec_folder(path: Path) -> Path:
    for candidate in (path / "Specs" / "Number" / "English", path):
        if (candidate / SPEC_FILES[0]).is_file():
            return candidate
    raise input_error(f"{path}: no Specs/Number/English/{SPEC_FILES[0]} here (give the clone of Recognizers-Text)")


def load_skips(path: Path) -> list[tuple[str, regex.Pattern, str]]:
    """Rows of (spec file, pattern on the Input, reason); '#' lines are comments."""
    skips = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if parts[0] == "spec":  # the header
            continue
        if len(parts) != 3:
            raise input_error(f"{path}:{number}: want three tab-separated columns: spec, pattern, reason")
        if parts[0] not in (*SPEC_FILES, "*") or not parts[2].strip():
            raise input_error(f"{path}:{number}: want a spec file of {', '.join(SPEC_FILES)} or *, and a reason")
        try:
            skips.append((parts[0], regex.compile(parts[1], regex.IGNORECASE), parts[2]))
        except regex.error as error:
            raise input_error(f"{path}:{number}: bad pattern: {error}") from None
    return skips


def skip_reason(spec: str, text: str, skips) -> str | None:
    for skip_spec, pattern, reason in skips:
        if skip_spec in ("*", spec) and pattern.search(text, timeout=TIMEOUT):
            return reason
    return None


def expected_span(case_input: str, result: dict) -> tuple[int, int]:
    """[start, end) of the expected text; the spec's End is inclusive and its Text often lower-cased."""
    start, end = result["Start"], result["End"] + 1
    if case_input[start:end].lower() == result["Text"].lower():
        return start, end
    found = case_input.lower().find(result["Text"].lower())
    return (found, found + len(result["Text"])) if found >= 0 else (start, end)


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def spec_number(text: str | None) -> float | None:
    if text is None or text == "null":
        return None
    return float(text.rstrip("%"))


def spec_interval(text: str) -> tuple[bool, float | None, float | None, bool] | None:
    match = INTERVAL.match(text)
    if not match:
        return None
    low, high = (float(part) if part else None for part in match.group(2, 3))
    return match.group(1) == "[", low, high, match.group(4) == "]"


def claims_interval(mention) -> tuple[bool, float | None, float | None, bool]:
    """The interval a mention states, with its sides: only the qualifier tells strict from not."""
    qualifier = mention.qualifier
    if qualifier == "more_than":
        return False, mention.low, None, False
    if qualifier == "less_than":
        return False, None, mention.high, False
    if qualifier in ("at_least", "at_most"):
        return mention.low is not None, mention.low, mention.high, mention.high is not None
    sides = getattr(mention, "sides", None)
    if sides:  # a range that leaves a bound out: "above 1000 and below 1500" is "()"
        return sides[0] == "[", mention.low, mention.high, sides[1] == "]"
    return True, mention.low, mention.high, True  # exact, approx, range: both ends included


def written(interval) -> str:
    low_closed, low, high, high_closed = interval

    def bound(x: float | None) -> str:
        return "" if x is None else f"{x:g}"

    return f"{'[' if low_closed else '('}{bound(low)},{bound(high)}{']' if high_closed else ')'}"


def right_value(result: dict, mention) -> bool:
    value = result["Resolution"].get("value")
    kind = result["TypeName"]
    if kind == "numberrange":
        want = spec_interval(value or "")
        got = claims_interval(mention)
        return (
            want is not None
            and want[0] == got[0]
            and want[3] == got[3]
            and close(want[1], got[1])
            and close(want[2], got[2])
        )
    if kind == "percentage":
        return mention.kind == "percent" and close(spec_number(value), mention.value)
    return close(spec_number(value), mention.value)


def only_sides_differ(result: dict, mention) -> bool:
    want = spec_interval(result["Resolution"].get("value") or "")
    got = claims_interval(mention)
    return want is not None and close(want[1], got[1]) and close(want[2], got[2])


def off(want: float, got: float) -> bool:
    """Whether `got` has the other sign than `want`, or a size off by SIZE_FACTOR or more (zero
    against anything else is off)."""
    if want == got:
        return False
    if want * got <= 0:
        return True
    ratio = abs(got / want)
    return ratio >= SIZE_FACTOR or ratio <= 1 / SIZE_FACTOR


def spec_reading(result: dict) -> tuple[float | None, float | None] | None:
    """The spec's value as (low, high): a number is (x, x), a range its two ends (None: open)."""
    value = result["Resolution"].get("value")
    if result["TypeName"] == "numberrange":
        want = spec_interval(value or "")
        return None if want is None else (want[1], want[2])
    number = spec_number(value)
    return None if number is None else (number, number)


def wrong_sign_or_size(result: dict, mention) -> bool:
    """Whether a mention over an expected value reads a number of the other sign or off in size.

    One number against one is compared straight; one against a range passes inside it and is
    otherwise compared with the nearer end (a mention may read one end of "above a quarter and
    below a half"); a range or a one-sided figure against a range end by end, on the sides both
    bound (a missing or extra side is a wrong value, not a wrong size)."""
    want = spec_reading(result)
    if want is None or mention.kind in NOT_FIGURES:
        return False
    if mention.qualifier in POINT_QUALIFIERS and mention.value is not None:
        got: tuple[float | None, float | None] = (mention.value, mention.value)
    else:
        got = claims_interval(mention)[1:3]
    if got == (None, None):  # a date or a time: no number to compare
        return False
    if want[0] != want[1] and got[0] != got[1]:
        return any(w is not None and g is not None and off(w, g) for w, g in zip(want, got))
    point, (low, high) = (want[0], got) if want[0] == want[1] else (got[0], want)
    assert point is not None  # a point is (x, x) with x a number
    if (low is None or low <= point) and (high is None or point <= high):
        return False
    nearest = min((end for end in (low, high) if end is not None), key=lambda end: abs(end - point))
    return off(point, nearest)


def category(result: dict) -> str:
    text = result["Text"].lower()
    for name, pattern in CATEGORIES:
        if pattern.search(text, timeout=TIMEOUT):
            return name
    if result["TypeName"] == "numberrange":
        if regex.search(r"\b(?:between|from|through)\b|\d\s*[-\u2013]\s*\d", text, timeout=TIMEOUT):
            return "between/from-to/dashed ranges"
        for name, pattern in RANGE_CATEGORIES:
            if pattern.search(text, timeout=TIMEOUT):
                return name
    if result["TypeName"] == "percentage":
        if result["Resolution"].get("value") in (None, "null"):
            return "percent with no number (a small percent)"
        if regex.match(r"per\s*cents?\b", text, timeout=TIMEOUT):
            return "percent word before the number (per cent of 22)"
        return "percents in digits" if regex.search(r"\d", text, timeout=TIMEOUT) else "percents in number words"
    if regex.search(r"\d\s+(?:hundred|thousand)\b", text, timeout=TIMEOUT):
        return "digits before hundred/thousand (3 hundred and 21)"
    if regex.search(r"\b(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-]+one\b", text, timeout=TIMEOUT):
        return "tens and one (sixty-one, thirty one)"
    if regex.search(r"\d[\s\u202f\u00a0]\d|\d[,.]\d", text, timeout=TIMEOUT):
        return "digit grouping and decimal separators"
    if regex.search(r"[a-z]", text, timeout=TIMEOUT):
        return "number words"
    return "plain digits"


def score_case(spec: str, case: dict, score: FileScore) -> None:
    text = case["Input"]
    mentions = parse_numbers(text, lang="en")
    score.cases += 1
    if "python" in case.get("NotSupported", "").lower():
        score.python_unsupported += 1
    spans = []
    for result in case["Results"]:
        start, end = expected_span(text, result)
        spans.append((start, end))
        score.expected += 1
        covering = [m for m in mentions if m.start <= start and m.end >= end]
        if any(right_value(result, m) for m in covering):
            score.found += 1
            score.right += 1
            continue
        overlapping = [m for m in mentions if m.start < end and m.end > start]
        misread = [m for m in overlapping if wrong_sign_or_size(result, m)]
        if misread:
            score.wrong_size += 1
            score.wrong_sizes.append(
                (
                    text,
                    f"{result['Text']!r}={result['Resolution'].get('value')}",
                    ", ".join(f"{m.text!r}={describe(m)}" for m in misread),
                )
            )
        if covering:
            score.found += 1
            mode = "wrong value"
            name = (
                "range sides: spec half-open [a,b), claims closed [a,b]"
                if result["TypeName"] == "numberrange" and only_sides_differ(result, covering[0])
                else category(result)
            )
        else:
            mode = "partial span" if overlapping else "not found"
            name = category(result)
        shown = [f"{m.text!r}={describe(m)}" for m in (covering or overlapping)] if mode != "not found" else []
        score.misses[name].append(
            (mode, text, f"{result['Text']!r}={result['Resolution'].get('value')}", ", ".join(shown) or "-")
        )
    for mention in mentions:
        if counts_as_figure(spec, mention) and not any(
            mention.start < end and mention.end > start for start, end in spans
        ):
            score.false_figures += 1
            score.extras.append((text, f"{mention.text!r}={describe(mention)}", mention.kind))


def counts_as_figure(spec: str, mention) -> bool:
    """Whether a mention the spec leaves out is a false figure: each spec lists only its own type."""
    if mention.kind in NOT_FIGURES:
        return False
    if spec == "PercentModel.json":
        return mention.kind == "percent"
    if spec == "NumberRangeModel.json":
        return mention.qualifier != "exact"
    return True


def describe(mention) -> str:
    if mention.value is None or mention.qualifier not in ("exact",):
        return f"{written(claims_interval(mention))} {mention.kind}"
    return f"{mention.value:g} {mention.kind}"


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}% ({part}/{whole})" if whole else "-"


def totalled(scores: dict[str, FileScore]) -> FileScore:
    """The three specs' scores added up."""
    total = FileScore()
    for score in scores.values():
        for attribute in ("cases", "python_unsupported", "expected", "found", "right", "false_figures", "wrong_size"):
            setattr(total, attribute, getattr(total, attribute) + getattr(score, attribute))
        for name, misses in score.misses.items():
            total.misses[name].extend(misses)
        total.extras.extend(score.extras)
        total.wrong_sizes.extend(score.wrong_sizes)
    return total


def report(title: str, scores: dict[str, FileScore], show: int) -> None:
    print(f"== {title}")
    print(
        f"{'spec':<24}{'cases':>6}{'py-unsup':>9}{'expected':>9}  {'found':<19}{'right value':<19}"
        "false figures  wrong sign/size"
    )
    total = totalled(scores)
    for spec, score in [*scores.items(), ("all three", total)]:
        print(
            f"{spec:<24}{score.cases:>6}{score.python_unsupported:>9}{score.expected:>9}  "
            f"{percent(score.found, score.expected):<19}{percent(score.right, score.expected):<19}"
            f"{score.false_figures:<15}{score.wrong_size}"
        )
    print("misses by category (not found / partial span / wrong value):")
    for name, misses in sorted(total.misses.items(), key=lambda item: (-len(item[1]), item[0])):
        modes = Counter(mode for mode, *_ in misses)
        print(f"  {len(misses):>4}  {name}  ({modes['not found']} / {modes['partial span']} / {modes['wrong value']})")
        for mode, text, want, got in misses[:show]:
            print(f"          {mode}: {text[:70]!r}  want {want}  claims {got}")
    kinds = Counter(kind for *_, kind in total.extras)
    print(f"false figures: {total.false_figures} ({', '.join(f'{kind} {n}' for kind, n in kinds.most_common())})")
    for text, got, _ in total.extras[:show]:
        print(f"          {text[:70]!r}  claims {got}")
    print(f"wrong sign or size (a factor of {SIZE_FACTOR:g} or more): {total.wrong_size}")
    shown = max(show, 10)  # the issue wants none of them: show them even without --show
    for text, want, got in total.wrong_sizes[:shown]:
        print(f"          {text[:70]!r}  want {want}  claims {got}")
    if total.wrong_size > shown:
        print(f"          ... {total.wrong_size - shown} more (--show N)")
    print()


@dataclass
class SpecScores:
    """Every case scored, the cases left after the skip list scored, and how many each reason skipped."""

    everything: dict[str, FileScore]
    kept: dict[str, FileScore]
    skipped: dict[str, Counter]


def score_specs(folder: Path, skips: list[tuple[str, regex.Pattern, str]]) -> SpecScores:
    """Score the three specs in `folder` (Specs/Number/English) with and without the skipped cases."""
    scores = SpecScores({}, {}, defaultdict(Counter))
    for spec in SPEC_FILES:
        path = folder / spec
        try:
            cases = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError) as error:
            raise input_error(f"{path}: cannot read the spec: {error}") from None
        scores.everything[spec], scores.kept[spec] = FileScore(), FileScore()
        for case in cases:
            score_case(spec, case, scores.everything[spec])
            reason = skip_reason(spec, case["Input"], skips)
            if reason:
                scores.skipped[spec][reason] += 1
            else:
                score_case(spec, case, scores.kept[spec])
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--spec-dir",
        type=Path,
        required=True,
        help="the folder holding Specs/Number/English (a clone of Recognizers-Text)",
    )
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N misses per category")
    parser.add_argument("--skip", type=Path, help="TSV of cases to skip: spec file, pattern on the Input, reason")
    args = parser.parse_args()
    skips = load_skips(args.skip) if args.skip else []
    scores = score_specs(spec_folder(args.spec_dir), skips)
    report("all cases", scores.everything, args.show)
    if skips:
        skipped_cases = sum(sum(c.values()) for c in scores.skipped.values())
        report(f"after skipping {skipped_cases} cases ({args.skip})", scores.kept, args.show)
        print("skipped cases by reason:")
        for spec, reasons in scores.skipped.items():
            for reason, count in reasons.most_common():
                print(f"  {count:>4}  {spec}: {reason}")


if __name__ == "__main__":
    main()
