"""Properties of parse_numbers that hold for any text, checked on generated news-like sentences.

The same words reach us in several encodings: NFC or NFD (combining marks), and old- or
new-style tone placement ("hòa" / "hoà", "thủy" / "thuỷ"). Each must give the same
mentions, with offsets that index the string as given.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from claims import parse_numbers
from claims.lang import languages, load_pack
from claims.numbers.lexicon import lexicon_for
from claims.numbers.parse import matching_copy
from claims.numbers.reader import Reader
from claims.text.normalize import unify_tone_placement

# Old-style tone placement (the form the word lists use) and its new-style spelling.
NEW_STYLE = {
    "hòa": "hoà",
    "Hòa": "Hoà",
    "thủy": "thuỷ",
    "Thủy": "Thuỷ",
    "tòa": "toà",
    "khỏe": "khoẻ",
    "hỏa": "hoả",
    "lũy": "luỹ",
    "xõa": "xoã",
    "họa": "hoạ",
    "thỏa": "thoả",
    "quý": "quý",
}

FRAGMENTS = [
    "Có khoảng",
    "2.500",
    "lính Mỹ",
    "hơn",
    "150",
    "cuộc tấn công",
    "ít nhất",
    "9 tháng",
    "1/3",
    "hôm 27/9",
    "ngày 30/10",
    "tháng 9/2025",
    "quý III/2025",
    "năm 2014",
    "19h15",
    "thứ 3",
    "lần thứ hai",
    "cầm hòa",
    "2-2",
    "thắng 3-1",
    "thủy điện",
    "Hòa Bình",
    "500 MW",
    "tòa nhà",
    "tòa 5",
    "1,5 triệu",
    "hai nghìn rưỡi",
    "một phần ba",
    "ba mươi ba",
    "mười lăm",
    "hàng trăm",
    "vài chục",
    "30%",
    "7,4 điểm phần trăm",
    "từ 2.000 đến 2.500",
    "người",
    "khỏe mạnh",
    "hỏa hoạn",
    "lũy kế",
    "xấp xỉ",
    "gần",
    "tối đa",
    "dưới",
    "không quá",
    "Covid-19",
    "quốc lộ 1A",
    "Điều 5",
    "0912 345 678",
    "Ba Lan",
    "Lầu Năm Góc",
    "một số",
    "năm ngoái",
    "họa sĩ",
    "thỏa thuận",
    ",",
    ".",
    "\n",
    "và",
    "ở Iraq",
    "Khánh Hòa",
    "tổng",
    "2.000-2.500 USD",
    "1 234",
]

sentences = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=10).map(" ".join)


def new_style(text: str) -> str:
    for old, new in NEW_STYLE.items():
        text = text.replace(old, new)
    return text


def readings(text: str, lang: str = "vi") -> list[tuple]:
    """What a fact-checker compares, with the text in one spelling; offsets checked on the way."""
    found = []
    for mention in parse_numbers(text, lang):
        assert text[mention.start : mention.end] == mention.text, (text, mention)
        spelled = unify_tone_placement(unicodedata.normalize("NFC", mention.text))
        found.append((spelled, mention.kind, mention.value, mention.low, mention.high, mention.qualifier, mention.unit))
    return found


@settings(max_examples=300, deadline=None)
@given(sentences)
def test_nfc_and_nfd_give_the_same_mentions(text):
    nfc = unicodedata.normalize("NFC", text)
    nfd = unicodedata.normalize("NFD", text)
    assert readings(nfd) == readings(nfc)


@settings(max_examples=300, deadline=None)
@given(sentences)
def test_old_and_new_tone_placement_give_the_same_mentions(text):
    old = unicodedata.normalize("NFC", text)
    new = new_style(old)
    assert readings(new) == readings(old)
    assert readings(unicodedata.normalize("NFD", new)) == readings(old)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["khoảng", "hơn", "gần", "", "tối đa"]))
def test_grouped_digits_read_back_as_written(number, qualifier):
    written = f"{number:,}".replace(",", ".")
    found = parse_numbers(f"Có {qualifier} {written} người".replace("  ", " "), "vi")
    figures = [m for m in found if m.kind == "count"]
    assert len(figures) == 1 and figures[0].value == number


CONTEXT = {
    lang: sorted(
        set(lex.qualifiers)
        | set(lex.range_open)
        | set(lex.day_words)
        | set(lex.date_words)
        | set(lex.identifier_labels)
        | set(lex.ordinal_before)
        | set(lex.currency_prefixes)
        | set(lex.standalone_month_names)
    )
    + ["là", "Là", "có", "nhà", "the", "and", "Khoảng", "Ngày", "(", "\n", ".", ",", '"']
    for lang, lex in ((code, lexicon_for(load_pack(code))) for code in languages(()))
}


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(languages(())), st.data())
def test_context_shortcut_reads_like_the_before_pattern(lang, data):
    """The reader answers most contexts before a number from word tables; the reverse
    pattern is the reference it must agree with."""
    lex = lexicon_for(load_pack(lang))
    words = data.draw(st.lists(st.sampled_from(CONTEXT[lang]), min_size=1, max_size=4))
    gap = data.draw(st.sampled_from([" ", " ", "", "  "]))
    text = " ".join(words) + gap + "25 x"
    folded = matching_copy(text)
    at = folded.index("25")
    shortcut = Reader(folded, text, lex, 1.0)._before(at)
    reference = lex.before.search(folded, max(0, at - 48), at)

    def groups(found):
        if found is None or found.start() >= at:
            return None
        read = tuple(
            (name, found[name], found.start(name) if found[name] else None) for name in ("qual", "open", "word", "cur")
        )
        return read if any(part[1] for part in read) else None

    assert groups(shortcut) == groups(reference), text
