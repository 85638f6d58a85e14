"""The HTML report opened in a real (headless) browser: no console error, no missing asset, not blank."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from browser import Browser, find_chromium

from extract.report.data import page_name
from extract.report.site import write_report

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOT = ROOT / "docs" / "report.png"
CHROMIUM = find_chromium()

pytestmark = [pytest.mark.model, pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (`apt-get install -y chromium`; .ci/run installs it)")]


def _pixel_spread(path: Path) -> float:
    from PIL import Image, ImageStat

    with Image.open(path) as image:
        return max(ImageStat.Stat(image.convert("L")).stddev[0], 0.0)


def test_report_opens_without_errors_and_is_not_blank(corpus_outputs: Path, tmp_path: Path):
    started = time.monotonic()
    out = tmp_path / "out"
    shutil.copytree(corpus_outputs, out, ignore=shutil.ignore_patterns(".extract"))
    index = write_report(out, ROOT / "corpus" / "gold")
    report = index.parent
    pages = [index, report / "entities.html", report / "timeline.html",
             report / page_name("doc", "000_bfa303233e45c24c"), report / page_name("doc", "gum_news_defector"),
             report / page_name("entity", "person:stephanie-obertin")]
    browser = Browser(str(CHROMIUM))
    try:
        for path in pages:
            session, found = browser.open(path.as_uri())
            assert found == [], f"{path.name}: {found}"
            if path.name == "gum_news_defector.html":  # a dev article: its errors may be shown
                shot = tmp_path / "report.png"
                browser.screenshot(session, shot)
    finally:
        browser.close()
    assert _pixel_spread(shot) > 20, "the screenshot is (nearly) one colour: the page rendered blank"
    if os.environ.get("EXTRACT_UPDATE_SCREENSHOT") or not SCREENSHOT.exists():  # the README's picture
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)
    assert time.monotonic() - started < 30


def test_the_browser_check_catches_a_missing_asset_and_a_script_error(tmp_path: Path):
    page = tmp_path / "broken.html"
    page.write_text('<html><body><img src="missing.png"><script>console.error("boom")</script></body></html>')
    browser = Browser(str(CHROMIUM))
    try:
        _, found = browser.open(page.as_uri())
    finally:
        browser.close()
    assert any("boom" in f for f in found) and any("failed to load" in f or "missing.png" in f for f in found), found
