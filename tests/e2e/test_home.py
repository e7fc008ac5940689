"""The home page as a Thai user sees it: the name in Thai script actually drawn with Thai
glyphs, and the screenshot used in the docs (written only with AMITY_SCREENSHOT=1)."""

import os
import struct
from pathlib import Path

import pytest
from playwright.sync_api import expect

from amity.core.demo import DemoContext, load_demo
from e2e.pages import LoginPage
from factories import PASSWORD

pytestmark = pytest.mark.e2e

DOCS_SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot.png"
# U+0378 is unassigned: no font has it, so it is drawn as the missing-glyph box.
NO_GLYPH = "\u0378"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_thai_display_name_renders_in_thai_glyphs(page, agent, tmp_path):
    home = LoginPage(page).open().sign_in(agent.username, PASSWORD)

    expect(home.heading).to_contain_text("สมชาย ใจดี")
    assert "สมชาย ใจดี" in page.text_content("body")
    assert home.text_width("สมชาย ใจดี") > 0
    letters = home.glyphs_differ("ส", "ม")
    assert letters["inkFirst"] > 0
    assert letters["inkSecond"] > 0
    assert letters["differing"] > 0, "Thai letters drew identical boxes: no Thai font installed"
    assert home.glyphs_differ("ส", NO_GLYPH)["differing"] > 0

    shot = page.screenshot(path=tmp_path / "thai-home.png")

    assert png_size(shot) == (1280, 800)


def test_home_with_demo_data_screenshot(page, live_server, monkeypatch):
    monkeypatch.setenv("AMITY_DEMO_PASSWORD", PASSWORD)
    load_demo(DemoContext(contacts=50, progress=lambda _name: None))
    home = LoginPage(page).open().sign_in("somchai", PASSWORD)
    expect(home.heading).to_contain_text("สมชาย ใจดี")
    expect(page.locator("main").get_by_role("link", name="Bangkok Sales")).to_be_visible()
    page.evaluate("document.fonts.ready")

    shot = page.screenshot()

    assert png_size(shot) == (1280, 800)
    if os.environ.get("AMITY_SCREENSHOT") == "1":
        DOCS_SCREENSHOT.write_bytes(shot)
