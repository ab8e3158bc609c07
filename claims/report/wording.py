"""What an editor reads instead of our internal codes: figures in plain words, places as written,
discrepancies grouped by story with the most severe first."""

from __future__ import annotations

import unicodedata

from .fields import SEVERITY_ORDER, finite, text

# The checker's qualifier codes as a reader says them; "exact" needs no word.
QUALIFIER_WORDS = {
    "approx": "about",
    "more_than": "more than",
    "at_least": "at least",
    "less_than": "less than",
    "at_most": "at most",
    "nearly": "nearly",
    "exact": "",
}
KIND_TITLES = {
    "value": "The figures disagree",
    "context": "The same figure in a different context",
    "scale": "A scale word lost or added?",
    "arithmetic": "The parts do not add up to the total",
    "update": "The figure changed over time",
}
_EVIDENCE_OPEN = " [same fact: "
NO_STORY = "Not in a story"


def amount(number) -> str:
    """2500.0 -> "2,500", 0.5 -> "0.5": thousands grouped the way the English report reads."""
    number = finite(number)
    if number is None:
        return ""
    if float(number).is_integer() and abs(number) < 1e15:
        return f"{int(number):,}"
    return f"{number:,.3f}".rstrip("0").rstrip(".")


def plain_figure(claim: dict) -> str:
    """A claim's figure as a reader says it: "about 2,500", "at least 80", "150 to 200"."""
    qualifier = text(claim.get("qualifier"))
    word = QUALIFIER_WORDS.get(qualifier, qualifier.replace("_", " "))
    if finite(claim.get("value")) is not None:
        shown = amount(claim["value"])
    else:
        low, high = finite(claim.get("low")), finite(claim.get("high"))
        if low is not None and high is not None:
            shown = amount(low) if low == high else f"{amount(low)} to {amount(high)}"
            word = "" if low != high and qualifier not in QUALIFIER_WORDS else word
        else:
            shown = amount(low if low is not None else high)
    unit = text(claim.get("unit"))
    return " ".join(part for part in (word, shown, unit) if part)


def plain_roles(roles) -> str:
    """The frame as words: {"part_of": "coalition"} -> "part of coalition"."""
    if not isinstance(roles, dict):
        return text(roles)
    return "; ".join(f"{text(key).replace('_', ' ')} {text(value)}" for key, value in roles.items())


def _fold(character: str) -> str:
    # One character in, one out, so offsets in the folded text are offsets in the original.
    if character in "đĐ":
        return "d"
    return unicodedata.normalize("NFD", character)[0].lower()


def as_written(name: str | None, sentence: str | None) -> str:
    """A canonical name as the sentence writes it: the gazetteer's "Thanh Xuan" is "Thanh Xuân"
    in a Vietnamese article. The name itself when the sentence does not contain it."""
    name, sentence = text(name), text(sentence)
    if not name or not sentence:
        return name
    folded = "".join(_fold(c) for c in unicodedata.normalize("NFC", sentence))
    at = folded.find("".join(_fold(c) for c in unicodedata.normalize("NFC", name)))
    return unicodedata.normalize("NFC", sentence)[at : at + len(name)] if at >= 0 else name


def explanation_and_evidence(explanation) -> tuple[str, str]:
    """The checker's explanation split from its trailing "[same fact: ...]" evidence."""
    shown = text(explanation)
    at = shown.rfind(_EVIDENCE_OPEN)
    if at < 0 or not shown.endswith("]"):
        return shown, ""
    return shown[:at], shown[at + len(_EVIDENCE_OPEN) : -1]


def _severity_rank(item: dict) -> int:
    severity = text(item.get("severity"))
    return SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)


def story_name(item: dict) -> str:
    story = item.get("story") or {}
    return text(story.get("name")) or NO_STORY


def by_story(items: list[dict]) -> list[tuple[str, list[dict]]]:
    """Items grouped by story name, each group most severe first; the group with the most severe
    discrepancy comes first, then the larger group, then the name."""
    groups: dict[str, list[dict]] = {}
    for item in items:
        groups.setdefault(story_name(item), []).append(item)
    for members in groups.values():
        members.sort(key=lambda item: (_severity_rank(item), item.get("id") or 0))
    return sorted(groups.items(), key=lambda group: (_severity_rank(group[1][0]), -len(group[1]), group[0]))


UPDATES_HEADING = "Updates: figures that changed over time"


def report_groups(items: list[dict]) -> list[tuple[str, str, list[dict]]]:
    """(anchor, heading, items): errors story by story, then the updates in a section of their own,
    since a figure that changed over time is news, not a mistake."""
    errors = [item for item in items if item.get("kind") != "update"]
    updates = [item for item in items if item.get("kind") == "update"]
    groups = [(f"s{number}", name, members) for number, (name, members) in enumerate(by_story(errors), 1)]
    if updates:
        ordered = [member for _, members in by_story(updates) for member in members]
        groups.append(("updates", UPDATES_HEADING, ordered))
    return groups


def shared_by_story(members: list[dict]) -> list[str]:
    """Why a story's articles are together: the names and words grouping found they share."""
    return [text(word) for word in ((members[0].get("story") or {}).get("why") or [])] if members else []


def total_and_parts(item: dict) -> tuple[dict, list[dict]] | None:
    """An arithmetic discrepancy's total and every stated part; None for any other kind.
    A discrepancy stored before its parts were kept has only its last part."""
    pair = list(item.get("claims") or [])
    if item.get("kind") != "arithmetic" or not pair:
        return None
    return pair[0], list(item.get("parts") or pair[1:])


def _stated(claim: dict) -> float:
    # A bound ("more than 300") adds its floor, as the check does.
    value = finite(claim.get("value"))
    return value if value is not None else finite(claim.get("low")) or 0


def sum_in_words(total: dict, parts: list[dict]) -> str:
    """The sum a reader can check: "3 + 4 + 5 = 12, but the total says 10"."""
    qualifiers = {text(part.get("qualifier")) or "exact" for part in parts}
    bounded = any(finite(part.get("value")) is None for part in parts)
    equals = "=" if qualifiers == {"exact"} and not bounded else "= at least" if bounded else "= about"
    terms = " + ".join(plain_figure(part) or text(part.get("text")) for part in parts)
    return f"{terms} {equals} {amount(sum(_stated(part) for part in parts))}, but the total says {plain_figure(total)}"
