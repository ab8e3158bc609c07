"""extract_claims beyond single sentences: whole articles, offsets, page furniture, user lexicons.

The sentence-by-sentence behaviour lives in the example corpora (tests/corpus/claims/*.txt,
run by test_claims_corpus.py); these tests cover what a one-line example cannot show.
"""

from __future__ import annotations

import ast
import gc
import tracemalloc
import unicodedata
from pathlib import Path

import pytest

import claims.extract.extractor as extractor
from claims import extract_claims
from claims.errors import InputError
from claims.lang import LEXICON_ENV, load_pack

from .conftest import FIXTURES, ROOT, SEED


def _figure(claims, text, subject=None):
    found = [c for c in claims if c.text == text and (subject is None or c.subject == subject)]
    assert found, f"no claim {text!r} in {[c.text for c in claims]}"
    return found[0]


# The seed article: what the issue requires of it, read as a whole article.


def test_seed_article_troops_attacks_and_caption():
    claims = extract_claims(SEED.read_text(encoding="utf-8"), "vi")
    troops = [c for c in claims if c.text == "khoảng 2.500"]
    assert [(c.concept, c.actor, c.location, c.roles.get("against")) for c in troops] == [
        ("troops", "US", "Iraq", "Israel"),
        ("troops", "US", "Iraq", "IS"),
    ]
    assert troops[0].is_caption and not troops[1].is_caption  # "... chống Israel. Ảnh: NYT"
    syria = _figure(claims, "khoảng 900")
    assert (syria.subject, syria.concept, syria.actor, syria.location) == ("lính Mỹ", "troops", "US", "Syria")
    attacks = _figure(claims, "hơn 150")
    assert (attacks.concept, attacks.roles.get("target"), attacks.time) == (
        "attacks",
        "coalition forces",
        "since:Y-1-10",
    )


def test_seed_article_with_publication_date_resolves_last_year():
    claims = extract_claims(SEED.read_text(encoding="utf-8"), "vi", published="2024-01-29")
    assert _figure(claims, "hơn 150").time == "since:2023-10"
    assert _figure(claims, "ngày 26/1").time == "2024-01-26"


def test_year_of_another_noun_is_not_the_figures_time():
    # "liên minh ... được thành lập vào năm 2014": 2014 is when the coalition was formed.
    text = (
        "Có khoảng 2.500 lính Mỹ được triển khai ở Iraq trong khuôn khổ liên minh chống IS được thành lập vào năm 2014."
    )
    assert _figure(extract_claims(text, "vi"), "khoảng 2.500").time is None


def test_english_seed_matches_the_vietnamese_reading():
    text = (FIXTURES / "iraq-withdrawal.en.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
    claims = extract_claims(text, "en", published="2024-09-28")
    for figure, location in (("about 2,500", "Iraq"), ("about 900", "Syria")):
        claim = _figure(claims, figure)
        assert (claim.concept, claim.actor, claim.location, claim.roles) == (
            "troops",
            "US",
            location,
            {"against": "IS", "part_of": "coalition"},
        )
    attacks = _figure(claims, "More than 150")
    assert (attacks.roles, attacks.time) == ({"target": "coalition forces"}, "since:2023-10")


# Offsets: article.text[start:end] == claim.text, whatever the input's normal form.


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_offsets_slice_the_text_as_given(form):
    text = unicodedata.normalize(form, "Ở Lào Cai, 12 người chết.\nKhoảng 1.500 ngôi nhà bị tốc mái ở Quảng Ninh.")
    claims = extract_claims(text, "vi")
    assert [c.text for c in claims] == [unicodedata.normalize(form, "12"), unicodedata.normalize(form, "Khoảng 1.500")]
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
        assert text[claim.sentence_start : claim.sentence_start + len(claim.sentence)] == claim.sentence
    assert [c.location for c in claims] == ["Lao Cai", "Quang Ninh"]


def test_zero_width_characters_keep_offsets_and_readings():
    text = "Có khoảng 2.500 lính\u200b Mỹ ở Iraq."
    claim = extract_claims(text, "vi")[0]
    assert text[claim.start : claim.end] == claim.text == "khoảng 2.500"
    assert (claim.concept, claim.location) == ("troops", "Iraq")


# Page furniture: kept, but marked.


def test_caption_and_furniture_lines_are_marked_not_dropped():
    text = "\n".join(
        [
            "Hơn 10.000 hộ dân ở Nghệ An phải sơ tán.",
            "Khoảng 1.500 ngôi nhà ở Quảng Ninh bị tốc mái. (Ảnh: Báo Quảng Ninh)",
            "Video đang HOT",
            "Xem thêm: Bão Yagi làm 59 người chết ở miền Bắc",
        ]
    )
    flags = [(c.text, c.is_caption, c.is_boilerplate) for c in extract_claims(text, "vi")]
    assert flags == [("Hơn 10.000", False, False), ("Khoảng 1.500", True, False), ("59", False, True)]


def test_a_credit_inside_a_paragraph_marks_only_its_sentence():
    text = "Israel không kích khu vực biên giới hôm 23/9 (Ảnh: AFP). Liên hợp quốc ngày 23/9 kêu gọi kiềm chế."
    assert [(c.text, c.is_caption) for c in extract_claims(text, "vi")] == [("23/9", True), ("ngày 23/9", False)]


def test_claims_past_the_tail_are_boilerplate():
    story = "Có khoảng 2.500 lính Mỹ ở Iraq."
    text = story + "\n\nBão Yagi làm 59 người chết."
    claims = extract_claims(text, "vi", tail_start=len(story) + 2)
    assert [(c.text, c.is_boilerplate) for c in claims] == [("khoảng 2.500", False), ("59", True)]


# User lexicons: extra files merged over the bundled ones, without touching code.


def _user_lexicon(root: Path) -> Path:
    (root / "vi").mkdir(parents=True)
    (root / "vi" / "concepts.toml").write_text(
        '[concepts.nouns]\nexcavators = ["máy xúc", "chiếc máy xúc"]\n', encoding="utf-8"
    )
    (root / "vi" / "places.toml").write_text('[places.names]\n"Da Lat" = ["thành phố ngàn hoa"]\n', encoding="utf-8")
    return root


SENTENCE = "Có 12 chiếc máy xúc được điều tới thành phố ngàn hoa."


def test_bundled_lexicon_knows_neither_word():
    claim = extract_claims(SENTENCE, pack=load_pack("vi", extra=()))[0]
    assert (claim.concept, claim.location) == (None, None)


def test_user_lexicon_from_option_adds_a_concept_and_a_place_alias(tmp_path):
    pack = load_pack("vi", extra=(str(_user_lexicon(tmp_path)),))  # what --lexicon passes
    claim = extract_claims(SENTENCE, pack=pack)[0]
    assert (claim.subject, claim.concept, claim.location) == ("chiếc máy xúc", "excavators", "Da Lat")


def test_user_lexicon_from_environment_adds_a_concept_and_a_place_alias(tmp_path, monkeypatch):
    monkeypatch.setenv(LEXICON_ENV, str(_user_lexicon(tmp_path)))
    claim = extract_claims(SENTENCE, "vi")[0]
    assert (claim.concept, claim.location) == ("excavators", "Da Lat")
    # The bundled words still work beside the user's.
    assert extract_claims("Khoảng 300 lính Anh ở Iraq.", "vi")[0].actor == "UK"


# A user lexicon of the wrong shape is one line naming its file and key, never a traceback.
WRONG_SHAPES = [
    ("numbers.toml", "evil = 5\n", "unknown key 'evil'"),
    ("numbers.toml", "numbers = 5\n", "'numbers' must be a table, not a number"),
    ("numbers.toml", "[numbers]\nqualifiers = 5\n", "'numbers.qualifiers' must be a table, not a number"),
    (
        "numbers.toml",
        '[numbers.qualifiers]\napprox = "khoảng"\n',
        "'numbers.qualifiers.approx' must be a list of text, not text",
    ),
    (
        "numbers.toml",
        '[numbers.qualifiers]\napprox = ["khoảng", 5]\n',
        "'numbers.qualifiers.approx' must list words, but item 2 is a number",
    ),
    (
        "concepts.toml",
        '[concepts.nouns]\nexcavators = { "máy xúc" = 1 }\n',
        "'concepts.nouns.excavators' must be a list of text, not a table",
    ),
    (
        "numbers.toml",
        '[numbers.units.currencies]\n"đồng mới" = 5\n',
        "'numbers.units.currencies.đồng mới' must be text, not a number",
    ),
    (
        "numbers.toml",
        '[numbers.phones]\nservice_prefixes = ["1900", " "]\n',
        "'numbers.phones.service_prefixes' item 2 is empty",
    ),
    # A table vi leaves empty has its type declared all the same (claims/lang/schema.toml).
    (
        "numbers.toml",
        '[numbers.dates.standalone_month_names]\nJanuary = "one"\n',
        "'numbers.dates.standalone_month_names.January' must be a number, not text",
    ),
]


@pytest.mark.parametrize("name,body,reason", WRONG_SHAPES)
def test_user_lexicon_of_the_wrong_shape_names_its_file_and_key(tmp_path, name, body, reason):
    (tmp_path / "vi").mkdir()
    path = tmp_path / "vi" / name
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_pack("vi", extra=(str(tmp_path),))
    message = str(raised.value)
    assert message.startswith(f"{path}: ") and reason in message and "\n" not in message


def test_single_file_lexicon_with_a_language_that_is_no_table_names_the_file(tmp_path):
    path = tmp_path / "lexicon.toml"
    path.write_text("vi = 5\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"lexicon\.toml: 'vi' must be a table"):
        load_pack("vi", extra=(str(path),))


def test_user_lexicon_may_add_words_and_map_entries(tmp_path):
    (tmp_path / "vi").mkdir()
    (tmp_path / "vi" / "numbers.toml").write_text(
        '[numbers.qualifiers]\napprox = ["phỏng chừng"]\n[numbers.units.currencies]\n"đô Sing" = "SGD"\n',
        encoding="utf-8",
    )
    pack = load_pack("vi", extra=(str(tmp_path),))
    (claim,) = extract_claims("Dự án cần phỏng chừng 300 đô Sing.", pack=pack)
    assert (claim.qualifier, claim.unit) == ("approx", "SGD")


# House rules that keep extraction safe on hostile input.


def test_every_pattern_call_on_user_text_has_a_timeout():
    calls = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn")
    missing = []
    for path in sorted((ROOT / "claims" / "extract").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in calls:
                if not any(k.arg == "timeout" for k in node.keywords):
                    missing.append(f"{path.name}:{node.lineno}")
    assert not missing


def test_extraction_is_pure():
    text = SEED.read_text(encoding="utf-8")
    assert [c.to_dict() for c in extract_claims(text, "vi")] == [c.to_dict() for c in extract_claims(text, "vi")]


def test_text_with_runs_of_spaces_reads_like_single_spaced_text():
    # Patterns are compiled in two variants (claims/extract/lexicon.py, for_text): "[ ]+" between
    # words where a text holds two spaces in a row, a plain space where it never does.
    single = "Có khoảng 2.500 lính Mỹ ở Iraq trong khuôn khổ liên minh chống IS."
    for text in (single, single.replace("lính Mỹ ở Iraq", "lính  Mỹ ở   Iraq").replace("chống IS", "chống  IS")):
        (claim,) = extract_claims(text, "vi")
        assert (" ".join(claim.subject.split()), claim.concept, claim.actor, claim.location, claim.roles) == (
            "lính Mỹ",
            "troops",
            "US",
            "Iraq",
            {"part_of": "coalition", "against": "IS"},
        )


# A long article is read a block of lines at a time (claims/extract/extractor.py, BLOCK_CHARS).


def _fixture_articles():
    from claims.sources import SourceArticle, read_articles

    return [a for a in read_articles([str(FIXTURES)]) if isinstance(a, SourceArticle)]


def test_reading_in_blocks_gives_the_claims_of_the_whole_text(monkeypatch):
    articles = _fixture_articles()
    assert len(articles) > 5
    whole = [
        [c.to_dict() for c in extract_claims(a.text, a.lang, published=a.published, tail_start=a.tail_start)]
        for a in articles
    ]
    # Blocks of a few lines: every article is cut many times, names and numbers at the cuts included.
    monkeypatch.setattr(extractor, "BLOCK_CHARS", 300)
    assert any(len(extractor.text_blocks(a.text)) > 3 for a in articles)
    blocks = [
        [c.to_dict() for c in extract_claims(a.text, a.lang, published=a.published, tail_start=a.tail_start)]
        for a in articles
    ]
    assert blocks == whole


def test_text_blocks_cut_after_line_breaks_and_cover_the_text():
    text = "Đoạn một có 5 người.\nDòng hai có 6 người.\n\nĐoạn ba có 7 người.\n" * 50
    blocks = extractor.text_blocks(text, 200)
    assert blocks[0][0] == 0 and blocks[-1][1] == len(text)
    assert all(end == start for (_, end), (start, _) in zip(blocks, blocks[1:]))
    assert all(text[end - 1] == "\n" for _, end in blocks[:-1])
    assert extractor.text_blocks("một dòng rất dài " * 100, 200) == [(0, len("một dòng rất dài " * 100))]


def _held_beyond_claims(text: str) -> int:
    """Bytes allocated at the peak of extraction beyond what the returned claims still hold."""
    gc.collect()
    tracemalloc.start()
    try:
        claims = extract_claims(text, "vi")
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert claims
    return peak - held


def test_a_long_article_holds_one_block_of_intermediates_at_a_time(monkeypatch):
    # A 19 MB article once held its folded copies, every mention and every cue at once (1.3 GB).
    monkeypatch.setattr(extractor, "BLOCK_CHARS", 5_000)
    seed = SEED.read_text(encoding="utf-8")
    short, long = ("\n\n".join([seed] * copies) for copies in (4, 16))
    extract_claims(short, "vi")  # patterns compiled before anything is measured
    beyond_short, beyond_long = _held_beyond_claims(short), _held_beyond_claims(long)
    assert beyond_long < 1.5 * beyond_short + 20_000  # four times the text, not four times the memory
    assert beyond_long < 2 * len(long)  # whole-text reading held about 11 bytes per character


def test_to_dict_is_asdict_without_shared_containers():
    # to_dict skips asdict's deep copy for speed: it must give the same dict, and copies of the containers.
    from dataclasses import asdict

    claims = extract_claims(SEED.read_text(encoding="utf-8"), "vi")
    assert claims and all(claim.to_dict() == asdict(claim) for claim in claims)
    first = claims[0].to_dict()
    first["roles"]["changed"] = "x"
    first["frame"].setdefault("words", []).append("changed")
    assert "changed" not in claims[0].roles and "changed" not in claims[0].frame.get("words", [])
