"""`--lang` takes the languages there are packs for: the bundled ones and new ones in lexicon folders.

The choices are read when the command runs, so a language that a `--lexicon` folder of the same
command line adds is accepted, and one no pack knows is a usage error listing the choices.
"""

from __future__ import annotations

import json
import shutil

import pytest

from claims.lang import BUNDLED, LEXICON_ENV

from .conftest import SEED

ENGLISH = "Flood\n\nAbout 300 people were evacuated in Lao Cai.\n"


@pytest.fixture(autouse=True)
def no_lexicon_from_outside(monkeypatch):
    # The command line adds its folders to the environment: set here (empty: no folder) so that
    # monkeypatch restores it after each test; delenv of an unset variable would restore nothing.
    monkeypatch.setenv(LEXICON_ENV, "")


@pytest.fixture
def lexicon_with_xx(tmp_path):
    """A lexicon folder adding the language `xx`: a copy of the English pack under a new code."""
    folder = tmp_path / "lexicon"
    shutil.copytree(BUNDLED / "en", folder / "xx")
    return folder


@pytest.fixture
def english(tmp_path):
    path = tmp_path / "flood.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    return path


def _langs(result) -> set[str]:
    assert result.exit_code == 0, result.stderr
    return {claim["lang"] for claim in json.loads(result.stdout)["claims"]}


def test_a_language_without_a_pack_is_a_usage_error_listing_the_choices(run, english):
    result = run("extract", english, "--lang", "xx")
    assert result.exit_code == 2 and result.stdout == ""
    assert "Invalid value for '--lang': 'xx' is not one of 'auto', 'en', 'vi'." in " ".join(result.stderr.split())


def test_a_bundled_language_is_used_for_articles_that_declare_none(run):
    assert _langs(run("extract", SEED, "--lang", "en", "-f", "json")) == {"en"}
    assert _langs(run("extract", SEED, "-f", "json")) == {"vi"}


@pytest.mark.parametrize("where", ["before the command", "after the command"])
def test_a_language_added_by_a_lexicon_folder_of_the_same_command_line_is_accepted(
    run, english, lexicon_with_xx, where
):
    if where == "before the command":
        result = run("--lexicon", lexicon_with_xx, "extract", english, "--lang", "xx", "-f", "json")
    else:
        result = run("extract", english, "--lang", "xx", "--lexicon", lexicon_with_xx, "-f", "json")
    assert _langs(result) == {"xx"}


def test_a_language_added_by_the_environment_is_accepted(run, english, lexicon_with_xx, monkeypatch):
    monkeypatch.setenv(LEXICON_ENV, str(lexicon_with_xx))
    assert _langs(run("extract", english, "--lang", "xx", "-f", "json")) == {"xx"}


def test_help_lists_the_languages_including_those_of_the_lexicon_folders(run, lexicon_with_xx):
    assert "[auto|en|vi]" in run("extract", "--help").stdout
    assert "[auto|en|vi|xx]" in run("--lexicon", lexicon_with_xx, "extract", "--help").stdout


def test_a_folder_named_like_a_language_but_holding_no_pack_adds_none(run, english, tmp_path):
    (tmp_path / "empty" / "xx").mkdir(parents=True)
    result = run("extract", english, "--lang", "xx", "--lexicon", tmp_path / "empty")
    assert result.exit_code == 2 and "is not one of 'auto', 'en', 'vi'" in " ".join(result.stderr.split())
