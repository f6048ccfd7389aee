"""The keyboard focus is visible on a light page (WCAG 1.4.11: 3:1 against what is next to
it). The yellow outline alone stood at 1.6:1 against white (the keyboard walk); a dark ring
outside it now carries the contrast, and the yellow keeps it on the dark header."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.display  # what the browser shows: e2e/conftest.py


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a, b) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _colours(text: str) -> list[tuple[int, int, int]]:
    return [tuple(int(n) for n in m) for m in re.findall(r"rgb\((\d+), (\d+), (\d+)\)", text)]


def test_a_field_and_a_button_reached_by_tab_show_a_ring_that_stands_out(base_url, browser):
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    page.goto("/inloggen/")
    white = (255, 255, 255)
    for selector in ("#id_username", "button[type=submit]"):
        for _ in range(20):
            page.keyboard.press("Tab")
            if page.locator(selector).evaluate("el => el === document.activeElement"):
                break
        style = page.locator(selector).evaluate(
            "el => { const s = getComputedStyle(el); return [s.outlineColor, s.outlineStyle, "
            "s.boxShadow, getComputedStyle(document.body).backgroundColor]; }"
        )
        outline, outline_style, shadow, background = style
        assert outline_style == "solid", selector
        assert _colours(background) == [white]
        ring = _colours(shadow)
        assert ring, f"{selector}: no ring around the outline ({shadow})"
        assert _contrast(ring[0], white) >= 3, selector
        assert _contrast(ring[0], _colours(outline)[0]) >= 3, selector  # the two stay apart
    context.close()
