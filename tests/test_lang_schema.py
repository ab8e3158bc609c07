"""claims/lang/schema.toml: every key a language pack may hold, checked on load and read through in code."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

from claims.errors import InputError
from claims.lang import BUNDLED, LEXICON_ENV, _pack_files, languages, load_pack
from claims.lang.schema import SCHEMA_PATH, TABLE, UndeclaredKey, pack_schema

from .conftest import FIXTURES

ROOT = Path(__file__).resolve().parent.parent
ENGLISH = FIXTURES / "iraq-withdrawal.en.txt"


def _user_file(root: Path, code: str, name: str, body: str) -> Path:
    (root / code).mkdir(parents=True, exist_ok=True)
    path = root / code / name
    path.write_text(body, encoding="utf-8")
    return path


def _leaves(data: dict, prefix: str = "") -> set[str]:
    """The dotted keys of a pack file down to the schema's leaves (a map's own keys are the language's)."""
    found = set()
    for name, value in data.items():
        path = f"{prefix}.{name}" if prefix else name
        found.add(path)
        if isinstance(value, dict) and pack_schema().keys[path].type == TABLE:
            found |= _leaves(value, path)
    return found


# The bundled packs.


@pytest.mark.parametrize("code", languages(()))
def test_every_bundled_pack_validates(code):
    for path in _pack_files(BUNDLED, code):
        with path.open("rb") as handle:
            pack_schema().check_file(tomllib.load(handle), path)
    pack = load_pack(code, extra=())
    pack_schema().check_required(pack.data, code)
    assert pack.value("numbers.digits.decimal") in (",", ".")


# Mistakes in a user lexicon: one line naming the file and the dotted key.


def test_unknown_key_names_the_file_and_suggests_the_declared_one(tmp_path):
    path = _user_file(tmp_path, "vi", "numbers.toml", '[numbers.qualifers]\napprox = ["phỏng chừng"]\n')
    with pytest.raises(InputError) as raised:
        load_pack("vi", extra=(str(tmp_path),))
    assert str(raised.value) == (f"{path}: unknown key 'numbers.qualifers' (did you mean 'numbers.qualifiers'?)")


def test_unknown_key_deep_in_a_table_is_named_by_its_whole_path(tmp_path):
    path = _user_file(tmp_path, "en", "numbers.toml", "[numbers.words.context]\nweek = ['one']\n")
    with pytest.raises(
        InputError,
        match=r"unknown key 'numbers\.words\.context\.week' \(did you mean "
        r"'numbers\.words\.context\.weak'\?\)$",
    ) as raised:
        load_pack("en", extra=(str(tmp_path),))
    assert str(raised.value).startswith(f"{path}: ")


def test_unknown_key_with_nothing_close_suggests_nothing(tmp_path):
    path = _user_file(tmp_path, "vi", "extra.toml", "[weather]\nrain = ['mưa']\n")
    with pytest.raises(InputError) as raised:
        load_pack("vi", extra=(str(tmp_path),))
    assert str(raised.value) == f"{path}: unknown key 'weather'"


@pytest.mark.parametrize(
    "body,reason",
    [
        ("[numbers.digits]\ndecimal = 5\n", "'numbers.digits.decimal' must be text, not a number"),
        ("[numbers.units]\nhyphenated = 'yes'\n", "'numbers.units.hyphenated' must be true or false, not text"),
        ("[roles.filler]\nmax_words = 2.5\n", "'roles.filler.max_words' must be a whole number, not a number"),
        ("[numbers.scales]\nspaced = ['triệu']\n", "'numbers.scales.spaced' must be a table of numbers, not a list"),
        ("[numbers.ranges.needs_open]\nand = 'between'\n", "'numbers.ranges.needs_open.and' must be a list of text"),
        (
            "[numbers.vague.plurals]\n\"hàng\" = [2, 'ba']\n",
            "'numbers.vague.plurals.hàng' must list numbers, but item 2",
        ),
        ("[numbers.signs]\nwords = ['âm', '']\n", "'numbers.signs.words' item 2 is empty"),
    ],
)
def test_value_of_the_wrong_type_names_the_file_and_key(tmp_path, body, reason):
    path = _user_file(tmp_path, "vi", "numbers.toml", body)
    with pytest.raises(InputError) as raised:
        load_pack("vi", extra=(str(tmp_path),))
    message = str(raised.value)
    assert message.startswith(f"{path}: ") and reason in message and "\n" not in message


def test_single_file_lexicon_is_checked_under_its_language_table(tmp_path):
    path = tmp_path / "lexicon.toml"
    path.write_text('[vi.numbers.qualifiers]\naprox = ["phỏng chừng"]\n', encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_pack("vi", extra=(str(path),))
    assert (
        str(raised.value)
        == f"{path}: unknown key 'numbers.qualifiers.aprox' (did you mean 'numbers.qualifiers.approx'?)"
    )


def test_new_language_without_a_required_key_names_the_pack_and_key(tmp_path):
    _user_file(
        tmp_path, "xx", "numbers.toml", '[numbers.digits]\ngroup = "."\n[numbers.words]\ndigits = { "unu" = 1 }\n'
    )
    with pytest.raises(InputError) as raised:
        load_pack("xx", extra=(str(tmp_path),))
    message = str(raised.value)
    assert message.startswith(
        f"language pack 'xx' ({tmp_path / 'xx'}): missing required key 'numbers.digits.decimal' ("
    )
    assert "\n" not in message


def test_required_keys_are_few_and_every_bundled_pack_has_them():
    assert set(pack_schema().required) == {"numbers.digits.group", "numbers.digits.decimal", "numbers.words.digits"}


def test_broken_lexicon_stops_the_command_with_one_line(run, tmp_path, monkeypatch):
    monkeypatch.setenv(LEXICON_ENV, "")  # restored after the test: the command adds its folder here
    path = _user_file(tmp_path / "lexicon", "en", "numbers.toml", '[numbers.qualifers]\napprox = ["circa"]\n')
    result = run("extract", "--lexicon", tmp_path / "lexicon", ENGLISH)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"claims: error: {path}: unknown key 'numbers.qualifers' (did you mean 'numbers.qualifiers'?)"
    ]
    assert result.stdout == ""


def test_lexicon_that_lacks_a_required_key_of_a_new_language_stops_the_command(run, tmp_path, monkeypatch):
    monkeypatch.setenv(LEXICON_ENV, "")  # restored after the test: the command adds its folder here
    _user_file(tmp_path / "lexicon", "xx", "numbers.toml", '[numbers.digits]\ndecimal = ","\n')
    result = run("extract", "--lexicon", tmp_path / "lexicon", ENGLISH)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert "language pack 'xx'" in line and "missing required key 'numbers.digits.group'" in line


# Reading through the schema.


def test_value_returns_the_pack_value_or_the_declared_default(tmp_path):
    english = load_pack("en", extra=())
    assert english.value("numbers.digits.group") == ","
    assert english.value("numbers.phones.service_prefixes") == []  # en declares no service numbers
    assert english.value("numbers.words.context.lone_word_before_noun") is False
    _user_file(
        tmp_path,
        "xx",
        "numbers.toml",
        '[numbers.digits]\ngroup = "."\ndecimal = ","\n[numbers.words]\ndigits = { "unu" = 1 }\n',
    )
    tiny = load_pack("xx", extra=(str(tmp_path),))
    assert tiny.value("subjects.max_words") == 3
    assert tiny.value("subjects.noun_before") == "last"
    assert tiny.value("places.names") == {}


def test_a_default_is_a_copy_no_pack_can_change(tmp_path):
    _user_file(
        tmp_path,
        "xx",
        "numbers.toml",
        '[numbers.digits]\ngroup = "."\ndecimal = ","\n[numbers.words]\ndigits = { "unu" = 1 }\n',
    )
    tiny = load_pack("xx", extra=(str(tmp_path),))
    tiny.value("time.since").append("ek de")
    assert tiny.value("time.since") == [] and pack_schema().keys["time.since"].default == []


def test_reading_an_undeclared_key_is_a_programming_error():
    pack = load_pack("vi", extra=())
    with pytest.raises(UndeclaredKey, match="numbers.qualifers"):
        pack.value("numbers.qualifers")
    with pytest.raises(UndeclaredKey):
        pack.value("numbers.qualifiers")  # a table: read its keys one by one


# The schema itself.


def _keys_read_in_code() -> list[tuple[str, str]]:
    """(where, key) of every `.value("...")` call in claims/, f-strings as patterns ("{name}" any key part)."""
    found = []
    for path in sorted((ROOT / "claims").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "value"):
                continue
            if len(node.args) != 1 or node.keywords:
                continue
            arg = node.args[0]
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.append((where, re.escape(arg.value)))
            elif isinstance(arg, ast.JoinedStr):
                parts = [re.escape(str(p.value)) if isinstance(p, ast.Constant) else "[^.]+" for p in arg.values]
                found.append((where, "".join(parts)))
    return found


def test_every_key_read_in_code_is_declared():
    read = _keys_read_in_code()
    assert len(read) > 150  # the builders read through the schema
    declared = [key for key, entry in pack_schema().keys.items() if entry.type != TABLE]
    undeclared = [(where, key) for where, key in read if not any(re.fullmatch(key, d) for d in declared)]
    assert not undeclared


def test_no_builder_reads_pack_data_around_the_schema():
    for name in ("numbers/lexicon.py", "numbers/pack_sections.py", "extract/lexicon.py"):
        text = (ROOT / "claims" / name).read_text(encoding="utf-8")
        # No `.get("key", default)`: a misspelt key would read as its default in silence.
        assert "pack.data" not in text and ".section(" not in text, name
        assert not re.search(r'\.get\("[a-z_]+", ', text), name


def test_every_declared_key_is_documented_and_typed():
    raw = tomllib.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert list(raw) == sorted(raw)  # one place for each key
    for path, key in pack_schema().keys.items():
        assert key.means.strip() and "\n" not in key.means, path
        parent = path.rpartition(".")[0]
        assert not parent or pack_schema().keys[parent].type == TABLE, f"{path}: its parent is no table"
        if key.type == TABLE:
            assert key.default is None and not key.required, path
        elif key.required:
            assert key.default is None, path
        else:
            assert key.default is not None and key.valid(key.default), path


def test_every_declared_key_is_held_by_a_bundled_pack_or_read_in_code():
    held = set()
    for code in languages(()):
        for path in _pack_files(BUNDLED, code):
            with path.open("rb") as handle:
                held |= _leaves(tomllib.load(handle))
    read = [key for _, key in _keys_read_in_code()]
    unused = [
        key
        for key, entry in pack_schema().keys.items()
        if entry.type != TABLE and key not in held and not any(re.fullmatch(r, key) for r in read)
    ]
    assert not unused
