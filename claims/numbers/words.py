"""Number words: "hai nghìn rưỡi" = 2,500, "một trăm linh năm" = 105, "twenty-five" = 25."""

from __future__ import annotations

from .lexicon import NumberLexicon

_MULTIPLIERS = ("tens_marker", "hundred", "scale")


def read_number_words(tokens: list[str], lexicon: NumberLexicon, *, numerals: bool = False) -> tuple[float | None, int]:
    """The value of the longest well-formed prefix of `tokens`, and how many tokens it uses.

    A group below a thousand is built from digits, tens and hundreds, then multiplied
    by a scale word; "rưỡi" adds half of the last multiplier. Vietnamese shorthand
    ("một nghìn hai" = 1,200) reads a lone digit after a multiplier as the next place.
    With `numerals`, tokens in digits count as digit words ("4 thousand 3 hundred and 21"),
    and the first may pass a hundred ("322 hundred" = 32,200).
    """
    total = group = 0.0
    pending: float | None = None
    last: str | None = None
    last_multiplier = 1.0
    shorthand_place: float | None = None
    last_scale: float | None = None
    # Where the joiner after the last scale stands and the value before it: "three hundred and two
    # hundred", "two million and three million" are two numbers, read up to the joiner.
    joined: tuple[int, float] | None = None
    # The first token after the last scale: a second scale as large ends the number there, so the
    # words between open the next number ("hai triệu | ba triệu", not 2,000,003 millions).
    group_from = pending_from = 0
    used = 0
    word_kinds = lexicon.word_kinds
    kinds = [word_kinds.get(t.casefold()) or (_numeral(t) if numerals else None) for t in tokens]
    for i, token in enumerate(tokens):
        kind, value = kinds[i] or (None, 0.0)
        next_kind = kinds[i + 1] if i + 1 < len(kinds) else None
        following = next_kind[0] if next_kind else None
        if kind == "digit":
            if pending is not None or last == "half":
                break
            folded = token.casefold()
            if last == "joiner" and folded in lexicon.articles:
                break  # "one million and a half": "a" opens the half of the million, no more of the number
            if (
                folded in lexicon.weak
                and last not in (None, "joiner")
                and following not in _MULTIPLIERS
                and not (last in ("ten", "tens", "tens_marker") and folded in lexicon.after_ten)
            ):
                # "mười năm" is ten years and "nghìn năm" a thousand years, not 15 or 1,005.
                break
            if last == "ten" and value == 0:
                break
            if last in ("hundred", "scale") and lexicon.shorthand and following is None and last_multiplier >= 100:
                shorthand_place = last_multiplier / 10
            pending, pending_from = value, i
        elif kind == "after_tens":
            if last not in ("ten", "tens_marker") or pending is not None:
                break
            pending, pending_from = value, i
        elif kind == "ten":
            if pending is not None or last in ("ten", "tens", "tens_marker", "half"):
                break
            group += 10
        elif kind == "tens":
            if pending is not None or last in ("ten", "tens", "tens_marker", "half"):
                break
            group += value
        elif kind == "tens_marker":
            if pending is None and not (last is None and token.casefold() in lexicon.opening_markers):
                break
            group += (pending if pending is not None else 1) * 10
            pending, last_multiplier = None, 10.0
        elif kind == "hundred":
            if last == "half" or (group + (pending or 0) >= value and not (numerals and i == 1)):
                if joined is not None:
                    return joined[1], joined[0]
                if pending is not None and group:  # "một trăm | hai trăm": the digit opens the next number
                    return total + group, pending_from
                break  # "một trăm hai trăm": a second hundreds place starts another number
            base = group + (pending or 0)
            group = (base or 1) * value
            pending, last_multiplier = None, value
        elif kind == "plural":  # "three dozens", "three hundred and two dozens" (324): the last number times it
            if pending is None:
                break
            group += pending * value
            pending, last_multiplier = None, value
        elif kind == "scale":
            if last == "half":
                break
            base = group + (pending or 0)
            if base == 0 and last == "scale":
                total *= value  # "nghìn tỷ": a scale of scales
                last_scale = (last_scale or 1.0) * value
            elif last_scale is not None and value >= last_scale:
                if joined is not None:
                    return joined[1], joined[0]
                return total, group_from  # "hai triệu ba triệu": a second millions place starts another number
            else:
                total += (base or 1) * value
                last_scale = value
            group, pending, last_multiplier, joined = 0.0, None, value, None
            group_from = i + 1
        elif kind == "joiner":
            if last not in ("hundred", "scale") or following not in ("digit", "ten", "tens"):
                break
            joined = (i, total + group)
        elif kind == "half":
            if last not in ("digit", "hundred", "scale", "tens_marker"):
                break
            if last == "digit" and pending is not None:
                group += pending + 0.5
                pending = None
            else:
                group += last_multiplier / 2 if last != "scale" else 0
                if last == "scale":
                    total += last_multiplier / 2
        else:
            break
        last = kind
        used = i + 1
    if used == 0:
        return None, 0
    if last == "joiner":  # a dangling "linh" belongs to the next word
        used -= 1
    if pending is not None:
        group += pending * shorthand_place if shorthand_place else pending
    return total + group, used


def _numeral(token: str) -> tuple[str, float] | None:
    """A token in digits as a digit word: "3" in "3 hundred", "2.12" in "2.12 hundred"."""
    if not token[:1].isdigit():
        return None
    try:
        return "digit", float(token)
    except ValueError:
        return None
