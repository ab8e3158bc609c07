"""Numbers written in words, vague amounts and halves: "ba mươi ba", "hàng trăm", "một nửa".

The word readings of the reader (a mixin of claims/numbers/reader.py); the grammar of
number words itself is claims/numbers/words.py.
"""

from __future__ import annotations

import regex

from .candidates import counts_an_outcome
from .context import CLAUSE_ENDS, SENTENCE_OPENERS, spaces
from .fraction_signs import FRACTION_SIGNS, fraction_sign_value
from .intervals import vague_interval
from .label_hints import amount_after, listed_label, points_back, unit_after
from .mention import NumberMention
from .reader_parts import ReaderParts
from .word_fractions import RANK, fraction_after_words, fraction_openers
from .words import read_number_words

# A line is in title case when it has this many words of this many letters or more, all
# capitalised: short words ("in", "as", "of") may stay small in a headline, and every
# sentence of running text has some longer word in lower case.
_TITLE_WORD = 4
_TITLE_WORDS = 3
_PUNCTUATION = ".,;:!?\"'()[]"
# Longer than the words of any idiom ("ba mẹ", "chín chắn") on either side of its number word.
_IDIOM_REACH = 40
# Holds an ordinal word and a space before "half" ("the first half", "the second half").
_ORDINAL_REACH = 8
# One word of a number in words: what stands between its spaces and hyphens.
_WORD_OF_NUMBER = regex.compile(r"[^ -]+")


class WordReading(ReaderParts):
    """Number words, vague amounts ("hàng trăm", "dozens") and halves (a mixin of Reader)."""

    def _tokens(self, start: int, end: int) -> tuple[list[str], list[tuple[int, int]]]:
        """The words of a match of the words anchor, whose words are joined by spaces or a hyphen."""
        text = self.folded[start:end]
        if " " not in text and "-" not in text:
            return [text], [(start, end)]
        if "  " in text or " -" in text or "- " in text:  # "fifty  two", "fifty - two"
            found = list(_WORD_OF_NUMBER.finditer(text, timeout=self.timeout))
            return [m.group() for m in found], [(start + m.start(), start + m.end()) for m in found]
        tokens = text.replace("-", " ").split(" ")
        spans, at = [], start
        for token in tokens:
            spans.append((at, at + len(token)))
            at += len(token) + 1
        return tokens, spans

    def _words(self) -> tuple[NumberMention | None, int]:
        lex = self.lex
        s, e = self.anchor.span("words")
        tokens, spans = self._tokens(s, e)
        value, used = read_number_words(tokens, lex)
        if value is None or used == 0:
            return None, spans[0][1] if spans else e
        end = spans[used - 1][1]
        if self._is_name(s, end) or (
            self._in_idiom(tokens, spans) and used == 1 and not unit_after(self._match(lex.unit_after, end), lex)
        ):  # "the two leaders" point back; "the two hours of sport", "the two million tourists" are figures
            return None, end
        before = self._before(s)
        word = before["word"].casefold() if before and before["word"] else None
        amount = bool(before and before["cur"]) or amount_after(self._match(lex.unit_after, end), lex)
        if word in lex.ordinal_before and not amount:  # "to top a billion US dollars" is money
            return self._label("ordinal", self._word_start(before), end, s, value), end
        measured = unit_after(self._match(lex.unit_after, end), lex)  # "10.000 mẫu một ngày": per day
        if used == 1 and word in lex.identifier_labels and not measured:  # "tuyến hai" (the second line), "tầng ba"
            return self._label("identifier", self._word_start(before), end, s, value), end
        # "number seven or eight."; but "set 3, hai tay vợt" counts the players that follow.
        closes = end >= len(self.folded) or self.folded[end] in CLAUSE_ENDS
        listed = listed_label(self.folded, s, lex, self.timeout) if used == 1 and closes else None
        if listed is not None:
            return self._label(listed, s, end, s, value), end
        if word == lex.month_word and used <= 2:  # "tháng ba" = March
            month = lex.month_names.get(" ".join(t.casefold() for t in tokens[:used]))
            if month:
                return self._label("date", self._word_start(before), end, s, normalized=f"--{month:02d}"), end
        following = self._next_word(end)  # "eighths", "and", or "-" before "eighth"
        fraction = (
            fraction_after_words(
                self.folded, tokens, used, value, end, lex, self.timeout, qualified=bool(before and before["qual"])
            )
            if following in fraction_openers(lex) or following in ("-", "")
            else None
        )
        if fraction is RANK:  # "a third term": the ordinal reader reads "third"
            return None, end
        if fraction is not None:
            mention, resume = self._figure(
                before, s, fraction.end, fraction.value, fraction=fraction.share, words_used=fraction.words
            )
            return mention, resume if mention is not None else fraction.end
        # "hai màn hình này": these two screens, named before; "một nửa số gạo đó" is a share of them.
        if points_back(self.folded, end, lex, self.timeout) and not self._may_follow(end):
            return None, end
        mention, resume = self._figure(before, s, end, value, words_used=tokens[:used])
        return mention, resume if mention is not None else end

    def _in_idiom(self, tokens: list[str], spans: list[tuple[int, int]]) -> bool:
        """'ba mẹ' (parents), 'chín chắn' (mature): the number word is another word here."""
        phrases = self.lex.idioms.get(tokens[0].casefold())
        if not phrases:
            return False
        at = spans[0][0]
        following = self.folded[at : at + _IDIOM_REACH].casefold().split()
        preceding = self.folded[max(0, at - _IDIOM_REACH) : at].casefold().split()
        return any(
            following[: len(words) - position] == words[position:]
            and (not position or preceding[-position:] == words[:position])
            for position, words in phrases
        )

    def _is_name(self, s: int, end: int) -> bool:
        """'Ba Lan', 'Hai Bà Trưng', 'ông Ba': capitalised number words inside a name.

        News capitalises a number word only to open a sentence; inside one it names a
        person or a place. At the start of a sentence the next word tells.
        """
        if not self.folded[s].isupper() or (self.lex.title_case_lines and self._in_title_case_line(s)):
            return False
        i = s
        while i > 0 and self.folded[i - 1] == " ":
            i -= 1
        bullet = i > 1 and self.folded[i - 1] in "-–—•" and self.folded[i - 2] in " \n"  # " - Two crooks"
        if i > 0 and self.folded[i - 1] not in SENTENCE_OPENERS and not bullet:
            return True
        following = (
            self.lex.word_token.match(self.folded, end + 1, timeout=self.timeout)
            if end < len(self.folded) and self.folded[end] == " "
            else None
        )
        return bool(following and following.group()[0].isupper())

    def _in_title_case_line(self, at: int) -> bool:
        """Whether the line holding `at` capitalises every longer word, as headlines may
        ("Storm Kills Three in Texas"): there a capital says nothing about names."""
        line_start = self.folded.rfind("\n", 0, at) + 1
        known = self._title_case.get(line_start)
        if known is None:
            line_end = self.folded.find("\n", at)
            words = [
                token.strip(_PUNCTUATION)
                for token in self.folded[line_start : line_end if line_end >= 0 else None].split()
            ]
            longer = [word for word in words if len(word) >= _TITLE_WORD and word[0].isalpha()]
            known = len(longer) >= _TITLE_WORDS and all(word[0].isupper() for word in longer)
            self._title_case[line_start] = known
        return known

    def _words_stand(self, used: list[str], before, kind: str, scale, end: int, e: int) -> bool:
        """A lone weak word ("một", "năm", "one", "a") is a figure only with something that makes it one."""
        lex = self.lex
        if (
            len(used) == 1
            and lex.lone_word_before_noun
            and kind == "count"
            and not scale
            and not (before and (before["qual"] or before["sign"]))
            and (e >= len(self.folded) or self.folded[e] in CLAUSE_ENDS)
        ):
            return False  # "mùa mận chín.": ripe, not nine
        if len(used) > 1 or used[0].casefold() not in lex.weak:
            return True
        token = used[0].casefold()
        if kind == "fraction" or scale:
            return True
        if token in lex.articles:
            return False
        if token in lex.needs_unit:
            return (
                kind != "count"
                or bool(before and (before["qual"] or before["sign"]))
                or (self.folded[e : e + 1] == " " and counts_an_outcome(self.folded, e + 1, lex))
            )
        if kind != "count":
            return True
        following = (
            lex.word_token.match(self.folded, e + 1, timeout=self.timeout)
            if e < len(self.folded) and self.folded[e] == " "
            else None
        )
        next_word = following.group().casefold() if following else ""
        if next_word in lex.not_after_one:
            return False
        two_words = next_word
        if following is not None:
            after = lex.word_token.match(self.folded, following.end() + 1, timeout=self.timeout)
            if after is not None:
                two_words = f"{next_word} {after.group().casefold()}"
        return next_word in lex.classifiers or two_words in lex.classifiers

    def _vague(self, name: str) -> tuple[NumberMention | None, int]:
        """A vague amount ("hàng trăm", "dozens"): `name` is the anchor's group that matched it."""
        lex = self.lex
        s, e = self.anchor.span(name)
        written = spaces(self.anchor[name]).casefold()
        if name == "plural":
            low, high = lex.vague_plurals[written]
        else:
            head = next(
                h for h in sorted(lex.vague_many | lex.vague_few, key=len, reverse=True) if written.startswith(h)
            )
            scale = 1.0
            for token in written[len(head) :].split():
                scale *= lex.vague_scales[token]
            low, high = vague_interval(head, scale, many=head in lex.vague_many)
        before = self._before(s)
        start = self._include(before, "qual") if before else None
        end, kind, unit = e, "count", None
        of = lex.vague_unit_joiner.match(self.folded, end, timeout=self.timeout)  # "hundreds of tonnes"
        unit_match = self._match(lex.unit_after, of.end() if of else end)
        found = lex.unit_of(unit_match["unit"]) if unit_match is not None else None
        if unit_match is not None and found:
            kind, unit = found
            end = unit_match.end()
        return self._mention(
            start if start is not None else s, end, s, None, float(low), float(high), "vague", kind, unit
        ), end

    def _half(self) -> tuple[NumberMention | None, int]:
        s, e = self.anchor.span("half")
        if self.folded[s] in FRACTION_SIGNS:  # "½", "⅔"
            return self._figure(self._before(s), s, e, fraction_sign_value(self.folded[s]), fraction=True)
        if self.folded.startswith("-", e) and self._is_name(s, e):  # "the Half-Blood Prince", "Half-Life 2"
            return None, e
        previous = self.folded[max(0, s - _ORDINAL_REACH) : s].split()
        if previous and previous[-1].casefold() in self.lex.ordinal_words:  # "the first half" is a period
            return None, e
        before = self._before(s)
        whole = self._half_of(e) or self._half_scale(e)
        if whole is not None:  # "half a million", "half million", "nửa triệu": half of a number, not a share
            return self._figure(before, s, whole[1], whole[0] / 2, integer=True)
        return self._figure(before, s, e, 0.5, fraction=True)

    def _half_scale(self, e: int) -> tuple[float, int] | None:
        """'half million', 'nửa tỷ': the scale word straight after 'half', and where it ends."""
        scale = self._match(self.lex.scale_after, e) if self.folded[e : e + 1] == " " else None
        if scale is None:
            return None
        factor = self.lex.spaced_scale(scale["scale"])
        return (factor, scale.end()) if factor else None

    def _half_of(self, e: int) -> tuple[float, int] | None:
        """'half a million', 'half a dozen': the value and end of the multiplier after 'half'."""
        if e >= len(self.folded) or self.folded[e] != " ":
            return None
        following = self.lex.word_anchor.match(self.folded, e + 1, timeout=self.timeout)
        if following is None or not following["words"]:
            return None
        tokens, spans = self._tokens(following.start("words"), following.end("words"))
        value, used = read_number_words(tokens, self.lex)
        if value is None or used < 2 or tokens[0].casefold() not in self.lex.articles:
            return None
        return value, spans[used - 1][1]
