"""The HTML report as a browser shows it: headless Chromium parses and paints the page, and the
tests read what an editor would see. Skipped where Chromium is not installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from claims.report import render_discrepancies

from .test_report import claim, discrepancy

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (Debian: apt-get install -y chromium)")
# No network, no profile, no first-run work: the page is a local file with no outside resources.
_QUIET = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

FLOOD = "Lũ ở thượng nguồn"
BUDGET = "Ngân sách thành phố"


def _chromium(tmp_path, page: str, *action: str) -> subprocess.CompletedProcess:
    source = tmp_path / "report.html"
    source.write_text(page, encoding="utf-8")
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [CHROMIUM, *_QUIET, f"--user-data-dir={profile}", *action, source.as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=tmp_path,
    )


class _Seen(HTMLParser):
    """The text a reader sees, in page order, and the ids and links of the page."""

    def __init__(self):
        super().__init__()
        self.words, self.ids, self.links, self.marks = [], set(), [], []
        # (section id, mark class, marked text) for each mark inside a discrepancy's card.
        self.card_marks: list[tuple[str, str, str]] = []
        self._hidden, self._in_mark, self._section, self._mark_class = 0, False, None, ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("style", "title", "script", "head"):
            self._hidden += 1
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "section":
            self._section = attrs.get("id")
        self._in_mark = tag == "mark"
        self._mark_class = (attrs.get("class") or "") if tag == "mark" else ""

    def handle_endtag(self, tag):
        if tag in ("style", "title", "script", "head"):
            self._hidden -= 1
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data):
        if self._hidden:
            return
        self.words.append(data)
        if self._in_mark:
            self.marks.append(data)
            if self._section:
                self.card_marks.append((self._section, self._mark_class, data))

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.words).split())


# A total of ten broken into three, four and five: each of the four figures must be marked.
BREAKDOWN = "Vụ tai nạn làm 10 người bị thương, trong đó 3 người ở Hà Nội, 4 người ở Huế và 5 người ở Đà Nẵng."


def _breakdown() -> dict:
    figures = [
        claim(
            id=10 + n,
            text=shown,
            value=float(shown),
            low=float(shown),
            high=float(shown),
            qualifier="exact",
            sentence=BREAKDOWN,
            start=BREAKDOWN.index(f"{shown} "),
            end=BREAKDOWN.index(f"{shown} ") + len(shown),
        )
        for n, shown in enumerate(("10", "3", "4", "5"))
    ]
    return discrepancy(
        id=5,
        kind="arithmetic",
        severity="medium",
        story={"id": 2, "name": BUDGET},
        fingerprint="5e" * 20,
        explanation="parts (3, 4, 5) add up to at least 12, more than the stated total 10",
        claims=[figures[0], figures[-1]],
        parts=figures[1:],
    )


def _fixture_items() -> list[dict]:
    floor = claim(
        id=3,
        text="Hơn 80",
        value=None,
        low=80.0,
        high=float("inf"),
        qualifier="at_least",
        sentence="Hơn 80 lính Mỹ được triển khai ở Iraq trong khuôn khổ liên minh.",
        start=0,
        end=6,
        roles={"part_of": "coalition"},
    )
    exact = claim(
        id=4,
        text="59",
        value=59.0,
        low=59.0,
        high=59.0,
        qualifier="exact",
        sentence="Có 59 lính Mỹ được triển khai ở Iraq trong khuôn khổ liên minh.",
        start=3,
        end=5,
    )
    return [
        discrepancy(
            id=1,
            kind="value",
            severity="medium",
            story={"id": 1, "name": FLOOD},
            claims=[exact, floor],
            explanation="troops: 59 against 80.. across articles [same fact: lính mỹ, iraq; now]",
        ),
        discrepancy(id=2, kind="update", severity="low", story={"id": 1, "name": FLOOD}, fingerprint="2b" * 20),
        discrepancy(id=3, kind="value", severity="high", story={"id": 2, "name": BUDGET}, fingerprint="3c" * 20),
        discrepancy(id=4, kind="context", severity="high", story={"id": 1, "name": FLOOD}, fingerprint="4d" * 20),
        _breakdown(),
    ]


@pytest.fixture(scope="module")
def seen(tmp_path_factory) -> _Seen:
    folder = tmp_path_factory.mktemp("browser")
    result = _chromium(folder, render_discrepancies(_fixture_items(), "html"), "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    parsed = _Seen()
    parsed.feed(result.stdout)
    return parsed


def test_browser_shows_stories_in_order_with_the_most_severe_first(seen):
    shown = seen.text

    def heading(name: str) -> int:  # the first mention is the table of contents, the second the section
        return shown.index(name, shown.index(name) + 1)

    # Both stories hold a high one; the flood has more, so it leads; the updates close the page.
    assert heading(FLOOD) < heading(BUDGET) < heading("Updates: figures that changed")
    flood = shown[heading(FLOOD) : heading(BUDGET)]
    assert flood.index("#4") < flood.index("#1")  # high before medium within the story


def test_browser_shows_both_figures_highlighted(seen):
    assert {"59", "Hơn 80", "khoảng 2.500"} <= set(seen.marks)
    assert seen.marks.count("khoảng 2.500") >= 2


def test_browser_marks_the_total_and_every_part_of_a_breakdown(seen):
    card = [(kind, shown) for section, kind, shown in seen.card_marks if section == "d5"]
    assert card == [("total", "10"), ("part", "3"), ("part", "4"), ("part", "5")]
    assert "3 + 4 + 5 = 12, but the total says 10" in seen.text


def test_browser_shows_no_internal_codes(seen):
    shown = seen.text
    assert "at least 80" in shown and "part of coalition" in shown and "about 2,500" in shown
    for code in ("exact 59", "at_least", "part_of", "approx", "[same fact"):
        assert code not in shown


def test_browser_table_of_contents_leads_to_each_section(seen):
    contents = [link[1:] for link in seen.links if link.startswith("#")]
    assert len(contents) == 3 and all(anchor in seen.ids for anchor in contents)


def test_browser_paints_the_page(tmp_path):
    shot = tmp_path / "report.png"
    result = _chromium(
        tmp_path, render_discrepancies(_fixture_items(), "html"), "--window-size=1100,1400", f"--screenshot={shot}"
    )
    assert result.returncode == 0, result.stderr[-2000:]
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 20_000
    assert re.search(rb"IHDR\x00\x00\x04L\x00\x00\x05x", png)  # 1100 x 1400
