"""Which language an article is read in when it does not say: the share of Vietnamese letters."""

from __future__ import annotations

import random
import unicodedata

import pytest

from claims.lang.detect import detect_language

VIETNAMESE = "Bộ Y tế cho biết có khoảng 2.500 ca mắc sốt xuất huyết trong tuần qua, tăng 12% so với tuần trước. "
ENGLISH = "The ministry said about 2,500 dengue cases were recorded last week, up 12% on the week before. "
MARKED = "đĐăĂâÂêÊôÔơƠưƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
TONES = "\u0300\u0301\u0303\u0309\u0323"


def by_counting_every_letter(text: str) -> str:
    """The rule written plainly: over 3% of the letters of the first 20,000 characters are Vietnamese ones."""
    sample = text[:20000]
    letters = [i for i, ch in enumerate(sample) if ch.isalpha()]
    if not letters:
        return "vi"
    marked = sum(
        1
        for i in letters
        if sample[i] in MARKED
        or (sample[i + 1 : i + 2] and sample[i + 1] in TONES and unicodedata.category(sample[i]) in ("Ll", "Lu"))
    )
    return "vi" if marked / len(letters) > 0.03 else "en"


@pytest.mark.parametrize(
    "text, code",
    [
        (VIETNAMESE * 3, "vi"),
        (ENGLISH * 3, "en"),
        ("“Hà Nội” and “Đà Nẵng” were named in the report. " + ENGLISH * 4, "en"),  # a trace of Vietnamese names
        (unicodedata.normalize("NFD", VIETNAMESE * 3), "vi"),  # tones written as marks
        pytest.param(
            "VIỆT NAM: 2.500 CA MẮC SỐT XUẤT HUYẾT",
            "vi",
            marks=pytest.mark.xfail(
                strict=True, reason="toned capitals (Ệ, Ắ, Ố) are not among the Vietnamese letters counted"
            ),
        ),
        ("2.500 - 12% - 7,4", "vi"),  # no letters at all: the default pack
        ("", "vi"),
    ],
)
def test_language_is_read_from_the_share_of_vietnamese_letters(text, code):
    assert detect_language(text) == code


def test_only_the_first_20000_characters_are_read():
    assert detect_language(ENGLISH * 220 + VIETNAMESE * 50) == "en"
    assert detect_language(VIETNAMESE * 220 + ENGLISH * 50) == "vi"


def test_detection_agrees_with_counting_every_letter():
    rng = random.Random(18)
    pieces = [VIETNAMESE, ENGLISH, "Đ", "ư", "ệ", "e\u0302\u0323", "Ệ", " “x” – ", "12.500 ", "\n", "a" * 30, TONES]
    for _ in range(3000):
        text = "".join(rng.choice(pieces)[: rng.randint(1, 90)] for _ in range(rng.randint(0, 12)))
        assert detect_language(text) == by_counting_every_letter(text), text


def _pack_folder(root, code: str, detect: str):
    (root / code).mkdir(parents=True)
    (root / code / "detect.toml").write_text(f"[detect]\n{detect}\n", encoding="utf-8")
    return str(root)


INDONESIAN = (
    "Kementerian mengatakan sekitar 2.500 kasus demam berdarah tercatat pada minggu lalu, "
    "naik 12% dari minggu sebelumnya. "
)


def test_a_pack_without_letters_of_its_own_is_told_by_its_stop_words(tmp_path):
    extra = (
        _pack_folder(tmp_path, "id", 'letters = ""\nstopwords = ["yang", "dan", "di", "pada", "dari", "sekitar"]'),
    )
    assert detect_language(INDONESIAN * 3, extra) == "id"
    assert detect_language(ENGLISH * 3, extra) == "en"
    assert detect_language(VIETNAMESE * 3, extra) == "vi"  # letters settle it before stop words count


def test_a_pack_with_letters_of_its_own_is_told_by_them(tmp_path):
    extra = (_pack_folder(tmp_path, "de", 'letters = "äöüßÄÖÜ"\nstopwords = ["der", "die", "das"]'),)
    german = "Das Ministerium sagte, dass in der Woche etwa 2.500 Fälle gezählt wurden, für Müller größer. "
    assert detect_language(german * 3, extra) == "de"
    assert detect_language(ENGLISH * 3, extra) == "en"
    assert detect_language("2.500 - 12%", extra) == "vi"  # no letters: still the pack assumed without letters


def test_letters_and_stop_words_come_from_the_packs_data():
    from claims.lang import load_pack

    vietnamese = load_pack("vi").section("detect")
    assert "đ" in vietnamese["letters"] and vietnamese["assumed_without_letters"] is True
    assert load_pack("en").section("detect")["letters"] == ""


def test_a_misspelt_detect_key_is_refused_naming_the_file(tmp_path):
    from claims.errors import InputError

    extra = (_pack_folder(tmp_path, "id", 'stopword = ["yang"]'),)
    with pytest.raises(InputError, match=r"id/detect\.toml: unknown key 'detect\.stopword' \(did you mean"):
        detect_language(ENGLISH, extra)
