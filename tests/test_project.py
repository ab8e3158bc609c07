"""claims.toml: found upwards, read strictly, and applied below the command line and the environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claims.errors import InputError
from claims.project import FILE_NAME, Project, current_project, find_project_file, load_project

from .conftest import SEED


def _write(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / FILE_NAME
    path.write_text(body, encoding="utf-8")
    return path


# Finding the file


def test_nearest_file_upwards_is_found(tmp_path):
    outer = _write(tmp_path / "desk", 'fail_on = "high"\n')
    inner = _write(tmp_path / "desk" / "politics", 'fail_on = "medium"\n')
    deep = tmp_path / "desk" / "politics" / "2024" / "09"
    deep.mkdir(parents=True)
    assert find_project_file(deep, home=tmp_path) == inner
    assert find_project_file(tmp_path / "desk", home=tmp_path) == outer


def test_search_stops_at_the_home_folder(tmp_path):
    _write(tmp_path, 'fail_on = "high"\n')
    home = tmp_path / "home" / "editor"
    work = home / "articles"
    work.mkdir(parents=True)
    # A file above the home folder belongs to someone else's setup.
    assert find_project_file(work, home=home) is None
    assert find_project_file(work, home=tmp_path) is not None
    # The home folder itself is still searched.
    own = _write(home, 'fail_on = "low"\n')
    assert find_project_file(work, home=home) == own


def test_no_file_gives_no_settings(tmp_path):
    assert current_project(tmp_path, home=tmp_path) == Project()


# Reading it


def test_relative_database_and_lexicons_resolve_against_the_files_folder(tmp_path):
    path = _write(tmp_path / "desk", 'database = "data/claims.db"\nlexicons = ["lexicon", "/abs/lexicon"]\n')
    project = load_project(path)
    assert project.database == f"sqlite:///{tmp_path / 'desk' / 'data' / 'claims.db'}"
    assert project.lexicons == (str(tmp_path / "desk" / "lexicon"), "/abs/lexicon")
    assert project.path == path


@pytest.mark.parametrize(
    "written,expected",
    [
        ("postgresql+psycopg://claims@db.local/newsroom", "postgresql+psycopg://claims@db.local/newsroom"),
        ("sqlite:////var/claims/claims.db", "sqlite:////var/claims/claims.db"),
        ("sqlite:///:memory:", "sqlite:///:memory:"),
        ("/var/claims/claims.db", "sqlite:////var/claims/claims.db"),
    ],
)
def test_urls_and_absolute_paths_are_kept(tmp_path, written, expected):
    assert load_project(_write(tmp_path, f'database = "{written}"\n')).database == expected


def test_relative_sqlite_url_resolves_against_the_files_folder(tmp_path):
    project = load_project(_write(tmp_path, 'database = "sqlite:///claims.db"\n'))
    assert project.database == f"sqlite:///{tmp_path / 'claims.db'}"


@pytest.mark.parametrize(
    "body,key",
    [
        ('databse = "claims.db"\n', "databse"),
        ('fail_on = "severe"\n', "fail_on"),
        ("fail_on = 2\n", "fail_on"),
        ("database = 3\n", "database"),
        ('database = ""\n', "database"),
        ('lexicons = "one-folder"\n', "lexicons"),
        ("lexicons = [1, 2]\n", "lexicons"),
        ("reviewer = true\n", "reviewer"),
        ("[reviewer]\nname = 'x'\n", "reviewer"),
    ],
)
def test_unknown_key_or_wrong_type_is_one_line_naming_file_and_key(tmp_path, body, key):
    path = _write(tmp_path, body)
    with pytest.raises(InputError) as raised:
        load_project(path)
    message = str(raised.value)
    assert str(path) in message and f"'{key}'" in message and "\n" not in message


def test_broken_toml_names_the_file(tmp_path):
    path = _write(tmp_path, "database = [\n")
    with pytest.raises(InputError, match="not a readable project file"):
        load_project(path)


# Applying it on the command line


@pytest.fixture
def desk(tmp_path, monkeypatch):
    """A working folder under a claims.toml, with no database or lexicon from the environment."""
    folder = tmp_path / "desk"
    (folder / "work").mkdir(parents=True)
    monkeypatch.chdir(folder / "work")
    monkeypatch.setenv("HOME", str(tmp_path))
    # Empty counts as unset, for click and for the store; monkeypatch restores both afterwards.
    monkeypatch.setenv("CLAIMS_DB", "")
    monkeypatch.setenv("CLAIMS_LEXICON_PATH", "")
    monkeypatch.delenv("CLAIMS_REVIEWER", raising=False)
    return folder


def test_database_from_the_project_file_is_used(run, desk):
    _write(desk, 'database = "newsroom.db"\n')
    assert run("ingest", SEED).exit_code == 0
    assert (desk / "newsroom.db").is_file()
    assert json.loads(run("list", "--format", "json").stdout)["claims"]


def test_environment_beats_the_file_and_the_option_beats_both(run, desk, monkeypatch, tmp_path):
    _write(desk, 'database = "from-file.db"\n')
    monkeypatch.setenv("CLAIMS_DB", f"sqlite:///{tmp_path / 'from-env.db'}")
    assert run("ingest", SEED).exit_code == 0
    assert (tmp_path / "from-env.db").is_file() and not (desk / "from-file.db").exists()
    assert run("ingest", SEED, "--db", f"sqlite:///{tmp_path / 'from-option.db'}").exit_code == 0
    assert (tmp_path / "from-option.db").is_file() and not (desk / "from-file.db").exists()


def test_fail_on_from_the_file_sets_the_exit_code_below_the_option(run, desk):
    article = desk / "flood.txt"
    article.write_text(
        "Lũ ở miền Trung\n\nCó 12 người chết ở Quảng Bình. Cơ quan chức năng xác nhận 13 người chết ở Quảng Bình.\n",
        encoding="utf-8",
    )
    _write(desk, 'database = "claims.db"\nfail_on = "high"\n')
    result = run("audit", article, "--format", "json")
    assert [d["severity"] for d in json.loads(result.stdout)["conflicts"]] == ["medium"]
    assert result.exit_code == 0
    assert run("check", "--fail-on", "medium").exit_code == 1
    _write(desk, 'database = "claims.db"\nfail_on = "medium"\n')
    assert run("check").exit_code == 1
    assert run("check", "--fail-on", "high").exit_code == 0


def test_reviewer_from_the_file_unless_the_environment_names_one(run, desk, monkeypatch):
    _write(desk, 'database = "claims.db"\nreviewer = "bàn thời sự"\n')
    first = json.loads(run("audit", SEED, "--format", "json").stdout)["conflicts"][0]
    recorded = json.loads(run("review", first["id"], "--confirm", "--format", "json").stdout)["conflicts"][0]
    assert recorded["reviewer"] == "bàn thời sự"
    monkeypatch.setenv("CLAIMS_REVIEWER", "lan")
    recorded = json.loads(run("review", first["id"], "--note", "gọi lại", "--format", "json").stdout)["conflicts"][0]
    assert recorded["reviewer"] == "lan"
    recorded = json.loads(
        run("review", first["id"], "--note", "xong", "--reviewer", "minh", "--format", "json").stdout
    )["conflicts"][0]
    assert recorded["reviewer"] == "minh"


def test_lexicons_from_the_file_are_loaded_unless_the_environment_names_some(run, desk, monkeypatch):
    _write(desk, 'lexicons = ["my-words"]\n')
    result = run("extract", SEED, "--format", "json")
    # The folder is looked for where the file says, relative to the file; a missing one stops the command
    # before any article is read (claims.lang.check_lexicons).
    assert result.exit_code == 2 and f"{desk / 'my-words'}: lexicon path does not exist" in result.stderr
    (desk / "my-words").mkdir()
    assert run("extract", SEED, "--format", "json").exit_code == 0
    (desk / "my-words").rmdir()
    empty = desk / "env-words"
    empty.mkdir()
    monkeypatch.setenv("CLAIMS_LEXICON_PATH", str(empty))
    result = run("extract", SEED, "--format", "json")
    assert result.exit_code == 0 and "my-words" not in result.stderr


def test_bad_project_file_is_exit_2_with_one_line(run, desk):
    path = _write(desk, 'fail_on = "severe"\n')
    result = run("check")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "'fail_on'" in lines[0] and "Traceback" not in result.stderr


def test_version_names_the_project_file(run, desk):
    assert "none" in run("--version").stdout.splitlines()[1]
    path = _write(desk, 'fail_on = "high"\n')
    lines = run("--version").stdout.splitlines()
    assert lines[0].startswith("claims ") and lines[1] == f"project file: {path}"


# Shell completion


def test_show_completion_prints_a_bash_script():
    # The installed command, as a shell runs it. Typer guesses the shell from the process tree unless
    # told not to; a test runner's tree need not hold one, so the shell is named instead.
    command = Path(sys.executable).with_name("claims")
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    result = subprocess.run(
        [str(command), "--show-completion", "bash"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "_CLAIMS_COMPLETE=complete_bash" in result.stdout and "complete -o default -F" in result.stdout
