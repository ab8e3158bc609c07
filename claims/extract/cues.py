"""Where an article holds the words that open the markers the extractor reads.

A pattern run over each sentence for each kind of marker (prepositions, role markers,
source verbs, relative dates) cost more than all the rest of a figure's reading. Instead,
each cue word is looked for once in the whole article with str.find, which runs at memory
speed, and a sentence takes its cues from the sorted list; the markers' own patterns then
run only where a cue stands.
"""

from __future__ import annotations

from bisect import bisect_left

from .lexicon import ExtractLexicon


class CueIndex:
    __slots__ = ("positions", "words", "kinds", "everywhere")

    def __init__(self, folded: str, lex: ExtractLexicon):
        self.kinds = lex.cue_kinds
        lowered = folded.lower()
        # A letter whose lower case is longer shifts offsets: then every position is a cue.
        self.everywhere = len(lowered) != len(folded)
        hits = []
        if not self.everywhere:
            size = len(lowered)
            for word in self.kinds:
                step = len(word)
                at = lowered.find(word)
                while at >= 0:
                    end = at + step
                    if (at == 0 or not lowered[at - 1].isalnum()) and (end >= size or not lowered[end].isalnum()):
                        hits.append((at, word))
                    at = lowered.find(word, end)
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
