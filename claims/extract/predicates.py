"""What a figure with no noun of its own counts, read from the clause it stands in.

English often names what a figure counts outside the words around it: the clause's subject when the
figure stands in its predicate ("The contract with the Powys health board was worth £7m", "Scam mails,
offering ways to make a quick buck, have declined by 40%"), what money is for ("$850m (£415m) to settle
a lawsuit"), what a share of people did ("24% have bought clothes"), and the total a verb brings to
the figure ("taking the total number of copies to about 28,000").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claims.numbers.mention import NumberMention

from .subjects import _WORD, Subject, _is_stop, _plain_words

if TYPE_CHECKING:
    import regex

    from .context import Sentence

# Longer than any run of auxiliaries between a clause's subject and its link: "have also".
_AUXILIARY_WINDOW = 32
# How far before a figure its clause's subject may start: "The contract with the Powys health board was worth".
_CLAUSE_WINDOW = 96
# How many clauses back the subject may stand, past clauses in commas about it ("Scam mails, offering ..., have").
_CLAUSES_BACK = 2
# The kinds of figure a share_verb may follow: "a quarter have bought software".
_SHARE_KINDS = frozenset({"percent", "fraction"})


def named_by_clause(sentence: Sentence, figure: NumberMention, after: int | None, limit: int) -> Subject | None:
    """What a figure with no noun counts, from the clause around it; None when nothing there says."""
    return (
        _clause_subject(sentence, figure)
        or _total_brought(sentence, figure)
        or (_money_named_after(sentence, after or figure.end, limit) if figure.kind == "money" else None)
        or (_share_did(sentence, figure.end, limit) if figure.kind in _SHARE_KINDS else None)
    )


def _clause_subject(sentence: Sentence, figure: NumberMention) -> Subject | None:
    """'The contract ... was worth £7m': the clause's subject, when an auxiliary stands between it and
    the link before the figure; a verb with no auxiliary ("signed him in a deal worth") says nothing."""
    lex, folded = sentence.lex, sentence.folded
    if not lex.has_predicate_links:
        return None
    window_start = max(sentence.start, figure.start - _CLAUSE_WINDOW)
    link = lex.predicate_link.search(folded, window_start, figure.start, timeout=sentence.timeout)
    if link is None:
        return None
    auxiliaries = [
        word
        for word in _WORD.finditer(
            folded, max(window_start, link.start() - _AUXILIARY_WINDOW), link.start(), timeout=sentence.timeout
        )
        if word.group().casefold() in lex.predicate_auxiliaries
    ]
    verb_start = link.start()
    while auxiliaries and not folded[auxiliaries[-1].end() : verb_start].strip():
        verb_start = auxiliaries.pop().start()
    if verb_start == link.start():
        return None
    clause_start = sentence.clause_start(verb_start)
    for _ in range(_CLAUSES_BACK + 1):
        if clause_start < window_start:
            return None
        subject = _noun_phrase(sentence, clause_start, verb_start)
        if subject is not None or folded[clause_start:verb_start].strip():
            if subject is not None:
                subject.end = figure.start
            return subject
        # Nothing before the auxiliary: the subject stands before the clauses in commas about it.
        clause_end = clause_start
        while clause_start > sentence.start:
            clause_start = sentence.clause_start(clause_start - 1)
            if not _is_aside(sentence, clause_start, clause_end):
                break
            clause_end = clause_start
        verb_start = clause_end
    return None


def _is_aside(sentence: Sentence, start: int, end: int) -> bool:
    """', offering ways to make a quick buck,': a clause in commas about the subject before it."""
    word = _WORD.search(sentence.folded, start, end, timeout=sentence.timeout)
    if word is None:
        return False
    return word.group().casefold().endswith(sentence.lex.aside_endings)


def _noun_phrase(sentence: Sentence, start: int, end: int) -> Subject | None:
    """The noun phrase opening folded[start:end], when the rest of it is a tail ("with the health board")
    or nothing: 'The contract with the Powys health board' -> 'contract'."""
    lex, folded = sentence.lex, sentence.folded
    words = list(_WORD.finditer(folded, start, end, timeout=sentence.timeout))
    if words and folded[start : words[0].start()].strip():
        return None  # the clause opens with a quote or a bracket
    if len(words) > 1 and words[0].group().casefold().endswith(lex.aside_endings):
        words = words[1:]  # ", saying police numbers had fallen by 1,132": the clause's verb, then its subject
    if words and words[0].group().casefold() in lex.predicate_determiners:
        words = words[1:]
    taken: list[regex.Match[str]] = []
    for word in words:
        written = word.group()
        following = taken[-1].end() if taken else word.start()
        if _is_stop(written, lex) or folded[following : word.start()].strip():
            break
        if written[0].isupper() and not (word.start() == sentence.start and not taken):
            break  # a name ends the phrase; the sentence's first word may be capitalised
        taken.append(word)
    if not taken or len(taken) > lex.max_subject_words:
        return None
    rest = words[len(taken) :]
    if rest:
        if rest[0].group().casefold() not in lex.predicate_noun_tails:
            return None  # "The firm said sales": a verb follows, not a tail
        if any(_is_stop(w.group(), lex) and w.group().casefold() not in lex.predicate_determiners for w in rest[1:]):
            return None  # "in a deal that": another clause inside
    phrase_start, phrase_end = taken[0].start(), taken[-1].end()
    return Subject(sentence.original[phrase_start:phrase_end], phrase_start, phrase_end, named_from=phrase_start)


def _total_brought(sentence: Sentence, figure: NumberMention) -> Subject | None:
    """'taking the total number of copies of each song on sale to about 28,000': the total."""
    lex = sentence.lex
    if not lex.has_total_verbs:
        return None
    window_start = max(sentence.start, figure.start - _CLAUSE_WINDOW)
    found = lex.total_before.search(sentence.folded, window_start, figure.start, timeout=sentence.timeout)
    if found is None:
        return None
    what_start = found.start("what")
    # "lifted borrowing costs five times last year to 2.25%": the object ends before another number.
    limit = min([m.start for m in sentence.mentions if what_start < m.start] + [found.end("what")])
    subject = _plain_words(sentence, what_start, limit)
    if subject.text is None:
        return None
    subject.named_from, subject.end = subject.start, figure.start
    return subject


def _purpose(sentence: Sentence, after: int, limit: int) -> Subject | None:
    """'$850m (£415m) to settle a lawsuit': what money is for, a verb and its object. The determiner
    after the word shows it is a verb: "£5m to the charity", "£5m to former staff" name no purpose."""
    lex = sentence.lex
    found = lex.purpose_at.match(sentence.folded, after, limit, timeout=sentence.timeout)
    if found is None or found["verb"] in lex.not_purpose_verbs:
        return None
    words = _plain_words(sentence, found.end(), limit)
    if words.text is None:
        return None
    start = found.start("verb")
    return Subject(sentence.original[start : words.end], start, words.end)


def _money_named_after(sentence: Sentence, after: int, limit: int) -> Subject | None:
    """What money is, for, or where it goes, in the words after it: "79p - the usual cost of a song",
    "$850m to settle a lawsuit", "9p will go to a tsunami charity appeal"."""
    lex, folded = sentence.lex, sentence.folded
    before = folded[sentence.start : after]
    # "recouped $21m (£11m) - the nostalgia craze shows": a dash that closes an aside opens no apposition.
    closes = sum(before.count(f" {mark} ") for mark in lex.apposition_marks) % 2 == 1
    for pattern in (lex.destination_at,) if closes else (lex.apposition_at, lex.destination_at):
        found = pattern.match(folded, after, limit, timeout=sentence.timeout)
        words = _plain_words(sentence, found.end(), limit) if found else None
        if words is None or words.text is None:
            continue
        following = _WORD.match(folded, words.end + 1, limit, timeout=sentence.timeout)
        if pattern is lex.apposition_at and following and following.group().casefold() in lex.not_after_apposition:
            continue  # "$21m - the studio said": a new clause, not what the money is
        return words
    return _purpose(sentence, after, limit)


def _share_did(sentence: Sentence, after: int, limit: int) -> Subject | None:
    """'24% have bought clothes', 'a third are women': what the share of people did or is."""
    found = sentence.lex.share_verb_at.match(sentence.folded, after, limit, timeout=sentence.timeout)
    if found is None:
        return None
    words = _plain_words(sentence, found.end(), limit)
    return words if words.text is not None else None
