"""extract_claims: every numeric claim of one article, with what it counts, where, when and in what frame.

Pure: text in, plain Claim dataclasses out; no database, nothing global that changes.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from claims.lang import LanguagePack, load_pack
from claims.lang.detect import detect_language
from claims.numbers.lexicon import lexicon_for
from claims.numbers.mention import FIGURE_KINDS, NumberMention
from claims.numbers.parse import matching_copy, scan_numbers
from claims.text.normalize import normalize_with_offsets
from claims.text.sentences import split_sentences

from .attributes import (
    amount_made_of,
    attribute_before,
    is_age_in_apposition,
    measures_as_before,
    named_by_words,
    takes_previous,
)
from .claim import Claim
from .context import Sentence
from .conversions import is_conversion, words_after
from .cues import CueIndex
from .frame import frame_words, read_frame
from .layout import Layout
from .lexicon import extract_lexicon_for
from .places import figure_location
from .predicates import named_by_clause
from .roles import figure_roles
from .subjects import AGE, Subject, concept_from_verb, continues_change, is_elided, noun_before, read_subject
from .times import Calendar, figure_time, looks_ahead

# Kinds whose noun often stands before the figure: "ngân sách ... 2,5 tỷ đồng", "GDP tăng 7,4%".
# A duration measures the time of an event, and a count's noun follows it.
_NAMED_BEFORE = frozenset({"money", "percent", "percentage_point", "quantity", "fraction"})
# Concepts that say little on their own: a verb or a noun before the figure may say more.
_GENERIC = (None, "people")
# A sentence with at least this many figures, one in every TABLE_TOKENS_PER_NUMBER tokens or more,
# is a table pasted as text ("Doanh thu thuần 382.17 416.32 -8% 131.4 ..."): its figures have no
# words of their own, and what stands beside them belongs to other cells.
TABLE_MIN_NUMBERS = 6
TABLE_TOKENS_PER_NUMBER = 3
# Lines without mentions shorter than this are split with the lines around them: one pattern call fewer.
_LINE_GAP = 200
# A longer text is read a block of lines at a time, cut at line breaks (which end every sentence and
# which nothing is read across): the folded copies, mentions and cues of one block are held at a time,
# not of the whole text. A 19 MB article held them all at once; news articles are one block.
BLOCK_CHARS = 250_000


@dataclass(frozen=True, slots=True)
class _Figure:
    """A figure of a sentence: its claim, its mention, and its place among the sentence's mentions."""

    claim: Claim
    mention: NumberMention
    position: int


def extract_claims(
    text: str,
    lang: str | None = None,
    *,
    pack: LanguagePack | None = None,
    published: str | None = None,
    tail_start: int | None = None,
) -> list[Claim]:
    """The claims of one article. Offsets index `text` (NFC-normalised text maps one to one).

    `lang` is "vi" or "en" (detected when None); `published` is the ISO publication
    date, used to resolve "27/9" and "năm ngoái"; claims at or past `tail_start`
    (a second story pasted after the article) are marked as boilerplate.
    """
    normalized, offsets = normalize_with_offsets(text)
    if pack is None:
        pack = load_pack(lang or detect_language(normalized))
    claims: list[Claim] = []
    for start, end in text_blocks(normalized):
        # A later block keeps the line break before it: a number or a name at the start of a line
        # reads as it does inside the whole text ("...Việt Nam.\nTòa Landmark 81").
        shift = max(start - 1, 0)
        block = normalized if end - start == len(normalized) else normalized[shift:end]
        found = _Article(block, pack, published, None if tail_start is None else tail_start - shift).claims()
        if shift:
            for claim in found:
                claim.start, claim.end = claim.start + shift, claim.end + shift
                claim.sentence_start += shift
        claims.extend(found)
    if offsets is not None:
        raw_sentences: dict[int, tuple[str, int]] = {}  # one copy of a sentence for all its claims
        for claim in claims:
            claim.start, claim.end = offsets.to_raw(claim.start, claim.end)
            raw = raw_sentences.get(claim.sentence_start)
            if raw is None:
                sentence_start, sentence_end = offsets.to_raw(
                    claim.sentence_start, claim.sentence_start + len(claim.sentence)
                )
                raw = raw_sentences[claim.sentence_start] = (text[sentence_start:sentence_end], sentence_start)
            claim.text, (claim.sentence, claim.sentence_start) = text[claim.start : claim.end], raw
    return claims


def text_blocks(text: str, size: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of consecutive blocks of whole lines, each about `size` characters (BLOCK_CHARS),
    cut at a blank line where one stands in the block's second half, else at a line break.
    A line longer than a block stays whole."""
    size = size or BLOCK_CHARS
    blocks, start, length = [], 0, len(text)
    while length - start > size:
        low, high = start + size // 2, start + size
        cut = text.rfind("\n\n", low, high)
        end = cut + 2 if cut >= 0 else text.rfind("\n", low, high) + 1
        if end <= 0:
            end = text.find("\n", high) + 1
            if end <= 0:
                break
        blocks.append((start, end))
        start = end
    blocks.append((start, length))
    return blocks


class _Article:
    def __init__(self, normalized: str, pack: LanguagePack, published: str | None, tail_start: int | None):
        self.text, self.pack, self.tail_start = normalized, pack, tail_start
        self.folded = matching_copy(normalized)
        self.lowered = self.folded.lower()  # the number words and the cue words are looked for in it
        self.lex = extract_lexicon_for(pack).for_text(self.folded)
        self.timeout = max(1.0, len(normalized) / 2e6)
        self.calendar = Calendar(published)

    def claims(self) -> list[Claim]:
        mentions = scan_numbers(self.text, lexicon_for(self.pack), self.folded, self.lowered)
        if not mentions:
            return []
        layout = Layout(self.folded, self.lex, self.timeout)
        with_mentions = []  # (start, end, mentions) of the sentences that hold mentions
        index, count = 0, len(mentions)
        for start, end in self._sentences_around(mentions):
            if index >= count:
                break
            if mentions[index].start >= end:
                continue
            inside = []
            while index < count and mentions[index].start < end:
                if mentions[index].start >= start:
                    inside.append(mentions[index])
                index += 1
            if inside:
                with_mentions.append((start, end, inside))
        # Half an article's text stands in sentences without figures (dates alone are no figures):
        # their cue words are never asked for.
        cue_index = CueIndex(
            self.folded,
            self.lowered,
            self.lex,
            [(start, end) for start, end, inside in with_mentions if any(m.kind in FIGURE_KINDS for m in inside)],
        )
        found: list[Claim] = []
        for start, end, inside in with_mentions:
            sentence = Sentence(
                self.folded, self.text, self.lex, self.calendar, self.timeout, cue_index, start, end, inside
            )
            claims = self._sentence_claims(sentence)
            # A line break always ends a sentence, so the sentence's line is its claims' line.
            caption, boilerplate = layout.line_at(start)
            caption = caption or layout.sentence_is_caption(start, end)
            for claim in claims:
                claim.is_caption = caption
                claim.is_boilerplate = boilerplate or (self.tail_start is not None and claim.start >= self.tail_start)
            found.extend(claims)
        return found

    def _sentences_around(self, mentions: list[NumberMention]) -> list[tuple[int, int]]:
        """The sentences of the lines that hold mentions, in order. A line break always ends a
        sentence, so lines split alone; about half an article's text stands in lines without any."""
        folded, sentences = self.folded, []
        runs: list[list[int]] = []
        for mention in mentions:
            if runs and mention.start < runs[-1][1]:
                continue
            line_start = folded.rfind("\n", 0, mention.start) + 1
            line_end = folded.find("\n", mention.start)
            line_end = len(folded) if line_end < 0 else line_end
            if runs and line_start - runs[-1][1] <= _LINE_GAP:
                runs[-1][1] = line_end
            else:
                runs.append([line_start, line_end])
        for start, end in runs:
            sentences.extend(split_sentences(folded, self.lex.abbreviations, lines=(start, end)))
        return sentences

    def _sentence_claims(self, sentence: Sentence) -> list[Claim]:
        text, start, end = self.text, sentence.start, sentence.end
        sentence_text = text[start:end]
        claims: list[Claim] = []
        figures: list[_Figure] = []
        for position, mention in enumerate(sentence.mentions):
            claim = Claim(
                text=mention.text,
                start=mention.start,
                end=mention.end,
                value=mention.value,
                low=mention.low,
                high=mention.high,
                qualifier=mention.qualifier,
                kind=mention.kind,
                unit=mention.unit,
                sentence=sentence_text,
                sentence_start=start,
                lang=self.pack.code,
            )
            claims.append(claim)
            if mention.kind in FIGURE_KINDS:
                figures.append(_Figure(claim, mention, position))
            elif mention.kind in ("date", "year"):
                claim.time = self.calendar.resolve(mention.normalized)
            elif mention.kind == "time":
                claim.time = mention.normalized
        if not figures:
            return claims
        subjects = self._subjects(sentence, figures)
        self._frames(sentence, figures, subjects)
        return claims

    def _subjects(self, sentence: Sentence, figures: list[_Figure]) -> list[Subject]:
        """What each figure counts; an elided noun takes the subject of the figure before it."""
        mentions, lex = sentence.mentions, self.lex
        subjects: list[Subject] = []
        previous: Subject | None = None
        previous_kind = None
        measured: dict[str, Subject] = {}  # unit -> what the last quantity in it measured
        for index, figure in enumerate(figures):
            claim, mention, position = figure.claim, figure.mention, figure.position
            if index and is_conversion(sentence, mentions[position - 1], mention) and subjects:
                converted = subjects[-1]  # "$850m (£415m)": the same money in another currency
                claim.subject, claim.concept, claim.actor = converted.text, converted.concept, converted.actor
                subjects.append(converted)
                continue
            after, limit = words_after(sentence, position)
            subject = read_subject(sentence, mention, limit, after)
            # A duration measures the time of an event: "vụ giết hại ... hai năm trước" counts no deaths.
            verb = (
                concept_from_verb(sentence, mention.start)
                if subject.concept in _GENERIC and mention.kind != "duration"
                else None
            )
            if verb is not None and subject.text is None:
                subject.concept = verb  # "killed 4 people and injured 11"
            elif (
                subject.text is None
                and previous is not None
                and mention.kind == "count"
                and previous.concept
                and is_elided(sentence, mention.end)
            ):
                subject = Subject(
                    previous.text, mention.end, mention.end, previous.concept, previous.actor, elided=True
                )
            if subject.concept is None and previous is not None and _same_classifier(subject.text, previous.text):
                subject.concept = previous.concept  # "2.500 vụ cháy ... Tại TP.HCM có 300 vụ"
            if subject.concept is None and (subject.text is None or lex.head_first or mention.kind == "money"):
                # "đường kính 38mm", "tuổi 50", "a profit of £75m ($141m) compared with": but English names
                # the thing counted after a count: "a capacity of 5,000 processors".
                subject = attribute_before(sentence, mention) or subject
            if subject.concept in _GENERIC and mention.kind != "duration":
                self._name_from_context(sentence, mention, subject, previous, verb)
            if subject.text is None and subject.concept is None:
                subject = named_by_words(sentence, mention) or subject  # "a combined tally of $80m"
            if subject.text is None and subject.concept is None and is_age_in_apposition(sentence, mention):
                subject.concept = AGE  # "John Houston, 54, was due to stand"
            if subject.text is None and subject.concept is None and mention.kind == "money":
                subject = amount_made_of(sentence, after or mention.end, limit) or subject  # "$5bn in sales"
            if (
                subject.text is None
                and subject.concept is None
                and previous is not None
                and previous.concept
                and mention.kind == previous_kind
                and takes_previous(sentence, mention)
            ):  # "sell for £339 in the UK and $499 in the US", "the jobless rate is 12%, in some areas it is 15%"
                subject = Subject(
                    previous.text, mention.end, mention.end, previous.concept, previous.actor, elided=True
                )
            if subject.text is None and subject.concept is None and mention.unit not in lex.unit_concepts:
                subject = named_by_clause(sentence, mention, after, limit) or subject  # "The contract was worth £7m"
            if subject.text is None and subject.concept is None and measures_as_before(sentence, mention):
                # "trọng lượng 70kg ... chỉ còn 35kg": a bare amount in the unit of an earlier one measures the same.
                earlier = measured.get(mention.unit or "") if mention.kind == "quantity" else None
                if earlier is not None:
                    subject = Subject(
                        earlier.text, mention.end, mention.end, earlier.concept, earlier.actor, elided=True
                    )
            if subject.concept is None and subject.text is None and mention.unit in lex.unit_concepts:
                subject.concept = lex.unit_concepts[mention.unit]  # "khoảng 300 tấn"
            if subject.actor is None and subject.concept in lex.actor_concepts:
                place, side = sentence.place_opening(sentence.subject_start(mention.start), mention.start)
                subject.actor = place or side  # "Nga đã điều 10.000 binh sĩ"
            if (
                subject.actor is None
                and previous is not None
                and previous.actor
                and subject.concept
                and subject.concept == previous.concept
                and _joined_by_conjunction(sentence, previous.end, mention.start)
            ):
                subject.actor = previous.actor  # "2.500 lính Mỹ ở Iraq và 900 lính ở Syria": US troops too
            claim.subject, claim.concept, claim.actor = subject.text, subject.concept, subject.actor
            subjects.append(subject)
            if mention.kind == "quantity" and mention.unit and subject.text:
                measured[mention.unit] = subject
            if subject.text and (mention.kind != "duration" or subject.concept):
                # "a six-year high in 2004, up 35%": what lasts names no thing counted by the figures after it
                previous, previous_kind = subject, mention.kind
        return subjects

    def _name_from_context(
        self, sentence: Sentence, mention: NumberMention, subject: Subject, previous: Subject | None, verb: str | None
    ) -> None:
        """A verb before the figure ('làm chết 3 người'), a noun before it ('ngân sách ... là 2,5 tỷ'),
        or the figure before it (', tăng 15%') says what a figure with no telling noun counts."""
        if verb is not None:
            subject.concept = verb
            return
        if subject.text is not None and subject.concept is None:
            return  # a noun the lexicon does not know is still the figure's own
        if subject.text is None and mention.kind not in _NAMED_BEFORE and mention.kind != "count":
            return
        clause_start = sentence.clause_start(mention.start)
        before = noun_before(sentence, clause_start, mention.start, mention.kind, mention.unit)
        if before is not None and subject.text is not None and before.concept not in self.lex.people_named_before:
            before = None  # "Đội cứu hộ đã đưa 45 người": the people are not the rescue team
        if before is not None:
            subject.text, subject.concept, subject.named_from = before.text, before.concept, before.named_from
            subject.place, subject.actor = subject.place or before.place, subject.actor or before.actor
        elif subject.text is None and previous is not None and continues_change(sentence, clause_start, mention.start):
            subject.text, subject.concept, subject.actor = previous.text, previous.concept, previous.actor

    def _frames(self, sentence: Sentence, figures: list[_Figure], subjects: list[Subject]) -> None:
        """Where, when and in what frame each figure holds."""
        # A duration is no new thing counted: "8 triệu tấn gạo trong 11 tháng đầu năm 2024".
        counted = [i for i, figure in enumerate(figures) if figure.mention.kind != "duration"]
        numbers = sum(1 for mention in sentence.mentions if mention.kind in FIGURE_KINDS)
        tabular = (
            numbers >= TABLE_MIN_NUMBERS
            and numbers * TABLE_TOKENS_PER_NUMBER >= sentence.folded.count(" ", sentence.start, sentence.end) + 1
        )
        for index, (figure, subject) in enumerate(zip(figures, subjects)):
            claim, mention = figure.claim, figure.mention
            # `counted` is in order: slices, not a pass over it for each figure (a table has dozens).
            later = counted[bisect_right(counted, index) :]
            next_figure = figures[later[0]].mention.start if later else sentence.end
            # Roles and "since" reach over figures that count the same thing: "2.500 lính Mỹ ở Iraq
            # và 900 lính Mỹ ở Syria trong khuôn khổ liên minh chống IS".
            scope_end = next(
                (
                    figures[i].mention.start
                    for i in later
                    if not subjects[i].elided and subjects[i].concept != subject.concept
                ),
                sentence.end,
            )
            phrase_end = max(subject.end, mention.end)
            if mention.kind == "duration" and looks_ahead(sentence, mention):
                continue  # "trong 12 tháng tới" is a time frame for the other figures, not a claim of its own
            claim.location = subject.place or figure_location(
                sentence, mention.start, phrase_end, next_figure, subject.concept
            )
            claim.roles = figure_roles(sentence, mention.end, phrase_end, scope_end, subject.concept)
            claim.time = figure_time(sentence, mention, phrase_end, scope_end, subject.named_from)
            clause_start = sentence.clause_start(mention.start)
            earlier = counted[: bisect_left(counted, index)]
            own_start = max(clause_start, figures[earlier[-1]].mention.end) if earlier else clause_start
            folded = sentence.folded
            own_end = min(sentence.clause_end(phrase_end), next_figure)
            # The rest of the sentence up to the figures on either side: over them, every figure of a
            # list would take the same words, and a changed item would meet its neighbour's counterpart.
            previous_end = figures[earlier[-1]].mention.end if earlier else sentence.start
            beyond = (
                folded[previous_end:own_start] if previous_end < own_start else "",
                folded[own_end:next_figure],
                previous_end == sentence.start,
            )
            claim.frame = read_frame(
                frame_words(self.pack),
                folded[clause_start : mention.start],
                folded[own_start : mention.start],
                folded[mention.end : own_end],
                mention.unit,
                self.timeout,
                opens=clause_start == sentence.start,
                beyond=beyond,
            )
            if tabular:
                claim.frame["words"] = []  # nothing ties a table's cell to another article's figure
        _share_targets(sentence, figures, subjects)
        _share_places(sentence, figures, subjects)


def _same_classifier(word: str | None, previous: str | None) -> bool:
    if not word or not previous:
        return False
    return " " not in word and previous.casefold().startswith(word.casefold() + " ")


def _joined_by_conjunction(sentence: Sentence, end: int, start: int) -> bool:
    """Whether only places and a closing conjunction stand between two figures' phrases: "ở Iraq
    và", "are in Iraq and". Another actor named there ("..., trong khi Anh có") keeps them apart."""
    gap, at = [], end
    for place in sentence.located():
        if end <= place.start and place.end <= start:
            gap.append(sentence.folded[at : place.start])
            at = place.end
    gap.append(sentence.folded[at:start])
    words = " ".join("".join(gap).replace(",", " ").split()).casefold()
    return any(words == word or words.endswith(" " + word) for word in sentence.lex.conjunctions)


def _share_places(sentence: Sentence, figures: list[_Figure], subjects: list[Subject]) -> None:
    """'làm 3 người chết và 5 người bị thương ở Yên Bái', 'killed 3 and injured 12 in Kabul': a place
    after the last of coordinated figures (a comma or a conjunction between them) that count
    different things is also the place of those before it that name none, unless a place stands
    between them. Figures of one thing set apart by the place keep apart: "2.500 lính Mỹ và 900
    lính ở Syria" puts only the 900 in Syria."""
    located, conjunctions = sentence.located(), sentence.lex.conjunctions
    for index in range(len(figures) - 2, -1, -1):
        claim, mention = figures[index].claim, figures[index].mention
        later, later_mention = figures[index + 1].claim, figures[index + 1].mention
        if (
            claim.location is not None
            or later.location is None
            or mention.kind == "duration"
            or subjects[index + 1].elided
            or subjects[index].concept == subjects[index + 1].concept
        ):
            continue
        later_end = max(subjects[index + 1].end, later_mention.end)
        if not any(place.start >= later_end and place.place == later.location for place in located):
            continue  # the later figure's place is its own: named in its subject or before it
        phrase_end = max(subjects[index].end, mention.end)
        gap = sentence.folded[phrase_end : later_mention.start].strip(" ").casefold()
        coordinated = gap[:1] == "," or any(gap == word or gap.startswith(word + " ") for word in conjunctions)
        if coordinated and not any(phrase_end <= place.start < later_mention.start for place in located):
            claim.location = later.location


def _share_targets(sentence: Sentence, figures: list[_Figure], subjects: list[Subject]) -> None:
    """'90 tên lửa và 60 máy bay không người lái vào các cơ sở năng lượng': both have the target."""
    for index in range(len(figures) - 1, 0, -1):
        claim, later = figures[index - 1].claim, figures[index].claim
        if "target" in later.roles and "target" not in claim.roles:
            gap_start = max(subjects[index - 1].end, claim.end)
            between = sentence.folded[gap_start : figures[index].mention.start].strip(" ,")
            if between.casefold() in sentence.lex.conjunctions:
                claim.roles = {"target": later.roles["target"], **claim.roles}
