"""Language words live in the packs, not in Python (issue #16): each test changes a pack's data, in a
user lexicon folder or in a copy of a bundled pack under a new code, and the reading changes with it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claims import parse_numbers
from claims.extract.claim import Claim
from claims.extract.extractor import extract_claims
from claims.lang import BUNDLED, LEXICON_ENV, LanguagePack, languages, load_pack
from claims.sources.dates import read_date


@pytest.fixture(autouse=True)
def bundled_packs_only(monkeypatch):
    """No lexicon folder from the environment (nor one a command run in-process left there)."""
    monkeypatch.delenv(LEXICON_ENV, raising=False)


def _folder(root: Path, code: str, name: str, body: str) -> str:
    """A user lexicon folder holding one file for `code`."""
    (root / code).mkdir(parents=True, exist_ok=True)
    (root / code / name).write_text(body, encoding="utf-8")
    return str(root)


def _copy_without(root: Path, bundled: str, name: str, line: str, replacement: str = ""):
    """A new language 'xx': a copy of a bundled pack with one line of one file replaced."""
    shutil.copytree(BUNDLED / bundled, root / "xx", ignore=shutil.ignore_patterns("detect.toml"))
    path = root / "xx" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(line) == 1, f"{line!r} is no longer in {bundled}/{name}"
    path.write_text(text.replace(line, replacement), encoding="utf-8")
    return load_pack("xx", extra=(str(root),))


def _claim(text: str, figure: str, **pack_or_lang) -> Claim:
    return next(c for c in extract_claims(text, **pack_or_lang) if c.text == figure)


def _time(text: str, **pack_or_lang) -> str | None:
    return next((m.normalized for m in parse_numbers(text, **pack_or_lang) if m.kind == "time"), None)


# Possessives: an English ending, read only where a pack lists it.

_POSSESSIVE_LINE = 'possessive_endings = ["\'s", "’s"]\n'


def test_a_place_that_owns_something_is_not_where_the_figure_is():
    text = "Russia fired 90 missiles at Ukraine's energy facilities."
    assert _claim(text, "90", lang="en").location is None


def test_without_possessive_endings_the_owner_is_read_as_the_place(tmp_path):
    pack = _copy_without(tmp_path, "en", "concepts.toml", _POSSESSIVE_LINE)
    assert _claim("Russia fired 90 missiles at Ukraine's energy facilities.", "90", pack=pack).location == "Ukraine"
    # ... a capitalised name with the ending is a place too, no longer an owner ...
    assert _claim("12 people were hurt in Smallville's main square.", "12", pack=pack).location == "Smallville's"
    assert _claim("12 people were hurt in Smallville's main square.", "12", lang="en").location is None
    # ... and a place before the counted noun no longer owns it.
    assert _claim("He said Vietnam's budget was $2.5 billion.", "$2.5 billion", pack=pack).location is None
    assert _claim("He said Vietnam's budget was $2.5 billion.", "$2.5 billion", lang="en").location == "Vietnam"


def test_the_plural_possessive_is_data_too(tmp_path):
    text = "The group seized roughly one third of the Philippines' territory."
    assert _claim(text, "roughly one third", lang="en").location == "Philippines"
    pack = _copy_without(tmp_path, "en", "concepts.toml", 'plural_possessive_endings = ["\'"]\n')
    assert _claim(text, "roughly one third", pack=pack).location is None


def test_a_user_lexicon_adds_a_possessive_ending(tmp_path):
    folder = _folder(tmp_path, "en", "possessive.toml", '[subjects]\npossessive_endings = ["´s"]\n')
    pack = load_pack("en", extra=(folder,))
    owned = "The group seized roughly one third of Iraq´s territory."
    assert _claim(owned, "roughly one third", lang="en").location is None
    assert _claim(owned, "roughly one third", pack=pack).location == "Iraq"
    before = "He said Vietnam´s budget was $2.5 billion."
    assert _claim(before, "$2.5 billion", lang="en").location is None
    assert _claim(before, "$2.5 billion", pack=pack).location == "Vietnam"


def test_vietnamese_has_no_possessive_ending_but_knows_english_names_that_own(tmp_path):
    assert load_pack("vi").value("subjects.possessive_endings") == []
    text = "Có 12 người bị thương tại McDonald's."
    assert _claim(text, "12", lang="vi").location is None  # a business, by location.not_place_endings
    pack = _copy_without(tmp_path, "vi", "concepts.toml", ', "\'s", "’s"]', "]")
    assert _claim(text, "12", pack=pack).location == "McDonald's"


# The afternoon of a 12-hour clock: which meridiem marks move the hour.


def test_pm_is_read_from_the_pack():
    assert _time("The blast happened at 3 pm on Friday.", lang="en") == "15:00"
    assert _time("The blast happened at 3:15 p.m. on Friday.", lang="en") == "15:15"
    assert _time("It closed at 12 pm.", lang="en") == "12:00"
    assert _time("It reopened at 12 am.", lang="en") == "00:00"
    assert _time("It reopened at 7 AM.", lang="en") == "07:00"


def test_without_its_afternoon_table_pm_is_morning(tmp_path):
    pack = _copy_without(tmp_path, "en", "numbers.toml", 'afternoon = { "p.m." = [0, 11], "pm" = [0, 11] }\n')
    assert _time("The blast happened at 3 pm on Friday.", pack=pack) == "03:00"
    assert _time("The blast happened at 3:15 p.m. on Friday.", pack=pack) == "03:15"


def test_a_user_lexicon_adds_an_afternoon_mark(tmp_path):
    text = "The blast happened at 3 p.m on Friday."
    assert _time(text, lang="en") is None  # "p.m" without its last full stop is no mark in the bundled pack
    mark = _folder(tmp_path / "mark", "en", "clock.toml", '[numbers.dates]\nmeridiem = ["p.m"]\n')
    assert _time(text, pack=load_pack("en", extra=(mark,))) == "03:00"
    afternoon = _folder(
        tmp_path / "afternoon",
        "en",
        "clock.toml",
        '[numbers.dates]\nmeridiem = ["p.m"]\nafternoon = { "p.m" = [0, 11] }\n',
    )
    assert _time(text, pack=load_pack("en", extra=(afternoon,))) == "15:00"


# Publication dates in words: dateparser reads them in the languages the packs name.


def test_bundled_packs_name_their_dateparser_languages():
    assert [load_pack(code).value("publication_dates.dateparser_languages") for code in ("vi", "en")] == [
        ["vi"],
        ["en"],
    ]
    assert read_date("27 tháng 9, 2024") == ("2024-09-27", None)
    assert read_date("Cập nhật: Thứ sáu, 27 tháng 9, 2024") == ("2024-09-27", None)


def _dateparser_pack(root: Path, names: str, monkeypatch) -> None:
    """A new language 'xx' in the lexicon folders (a copy of the English pack) naming `names` for dateparser."""
    _copy_without(root, "en", "furniture.toml", 'dateparser_languages = ["en"]\n', names)
    monkeypatch.setenv(LEXICON_ENV, str(root))
    assert "xx" in languages()


def test_a_pack_dateparser_does_not_know_leaves_word_dates_readable(tmp_path, monkeypatch):
    # dateparser raises on an unknown language at the first date it reads: the pack's is left out.
    _dateparser_pack(tmp_path, 'dateparser_languages = ["xx"]\n', monkeypatch)
    assert read_date("27 tháng 9, 2024") == ("2024-09-27", None)
    assert read_date("Sept. 27, 2024") == ("2024-09-27", None)
    assert read_date("2024-09-27") == ("2024-09-27", None)


def test_a_new_pack_names_the_dateparser_language_it_reads(tmp_path, monkeypatch):
    french = "vendredi 27 septembre 2024"
    assert read_date(french)[0] is None
    _dateparser_pack(tmp_path, 'dateparser_languages = ["fr"]\n', monkeypatch)
    assert read_date(french) == ("2024-09-27", None)


def test_a_pack_without_dateparser_languages_reads_no_words_of_its_own(tmp_path, monkeypatch):
    _dateparser_pack(tmp_path, "", monkeypatch)
    assert read_date("27/9/2024") == ("2024-09-27", None)
    assert read_date("vendredi 27 septembre 2024")[0] is None
    assert read_date("Sept. 27, 2024") == ("2024-09-27", None)  # the bundled English pack still reads it


# No language is assumed in code: it is given, or detected.


def test_parse_numbers_detects_the_language_when_none_is_given():
    [english] = parse_numbers("About 2,500 US troops are in Iraq.")
    assert english.value == 2500  # read as Vietnamese, "2,500" would be 2.5
    [vietnamese] = parse_numbers("Có khoảng 2,5 triệu người.")
    assert vietnamese.value == 2_500_000


def test_a_claim_names_its_language():
    with pytest.raises(TypeError):
        Claim("5", 0, 1, 5.0, 5.0, 5.0, "exact", "count", None, "5 người", 0)  # type: ignore[call-arg]
    assert {c.lang for c in extract_claims("About 2,500 US troops are in Iraq.")} == {"en"}


def test_regrouping_reads_an_article_whose_pack_is_gone_in_the_language_of_its_text(store, monkeypatch):
    from sqlalchemy import text

    import claims.store.story_regroup as story_regroup
    from claims.pipeline.ingest import ingest_articles
    from claims.sources import article_from_text

    ingest_articles(
        store,
        [
            article_from_text(
                "title: Lũ quét ở Lào Cai làm 12 người chết\ndate: 2024-09-10\n\n"
                "Lũ quét tại thôn Làng Nủ, huyện Bảo Yên, tỉnh Lào Cai đã làm 12 người chết và 40 người mất tích.",
                origin="a0",
                path="/news/a0.txt",
            )
        ],
    )
    with store.writing() as conn:
        conn.execute(text("UPDATE articles SET lang = 'zz'"))  # stored while a user pack 'zz' was installed
    loaded: list[str] = []

    def recording_load_pack(code: str) -> LanguagePack:
        loaded.append(code)
        return load_pack(code)

    monkeypatch.setattr(story_regroup, "load_pack", recording_load_pack)
    assert story_regroup.regroup_stories(store) == 1
    assert loaded == ["vi"]
