"""Where an article holds the words that open the markers the extractor reads.

A pattern run over each sentence for each kind of marker (prepositions, role markers,
source verbs, relative dates) cost more than all the rest of a figure's reading. Instead,
the cue words are looked for once, all in one pass (claims/text/word_search.py), in the
sentences that hold figures, and a sentence takes its cues from the sorted list; the
markers' own patterns then run only where a cue stands.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from claims.text.word_search import whole_word

from .lexicon import ExtractLexicon


class CueIndex:
    __slots__ = ("positions", "words", "kinds", "everywhere")

    def __init__(self, folded: str, lowered: str, lex: ExtractLexicon, spans: list[tuple[int, int]]):
        """Cues in the `spans` (sorted, apart) only: sentences without figures ask for none.
        `lowered` is `folded` in lower case."""
        self.kinds = lex.cue_kinds
        # A letter whose lower case is longer shifts offsets: then every position is a cue.
        self.everywhere = len(lowered) != len(folded)
        hits = []
        if not self.everywhere and spans and self.kinds:
            runs = _runs(spans, max(len(word) for word in self.kinds), len(lowered))
            # The runs joined by line breaks, which no cue word holds, are searched in one pass per word.
            joined = "\n".join(lowered[start:end] for start, end in runs)
            joined_starts, shift, at_joined = [], [], 0
            for start, end in runs:
                joined_starts.append(at_joined)
                shift.append(start - at_joined)
                at_joined += end - start + 1
            words = lex.cue_search.words
            for index, found, found_end in lex.cue_search.occurrences(joined):
                at = found + shift[bisect_right(joined_starts, found) - 1]
                end = at + found_end - found
                if whole_word(lowered, at, end):
                    hits.append((at, words[index]))
            hits.sort()
        self.positions = [at for at, _ in hits]
        self.words = [word for _, word in hits]

    def in_sentence(self, start: int, end: int) -> dict[str, list[int]]:
        """kind -> where its markers may start in [start, end), in order."""
        found: dict[str, list[int]] = {}
        if self.everywhere:
            positions = list(range(start, end))
            return {kind: positions for entries in self.kinds.values() for kind, _ in entries}
        positions, words, kinds_of = self.positions, self.words, self.kinds
        index = bisect_left(positions, start)
        shifted = False
        while index < len(positions) and positions[index] < end:
            for kind, offset in kinds_of[words[index]]:
                at = positions[index] - offset
                if at >= start:
                    found.setdefault(kind, []).append(at)
                    shifted = shifted or offset > 0
            index += 1
        if shifted:
            for starts in found.values():
                starts.sort()
        return found


def _runs(spans: list[tuple[int, int]], reach: int, size: int) -> list[tuple[int, int]]:
    """The spans merged where they touch, each reaching `reach` past its end, so that a cue word
    starting inside a span is found whole."""
    runs: list[list[int]] = []
    for start, end in spans:
        end = min(end + reach, size)
        if runs and start <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], end)
        else:
            runs.append([start, end])
    return [(start, end) for start, end in runs]
