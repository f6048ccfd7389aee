"""The style sheet and htmx are found by Django's static file finders (served by `make run`)."""

from django.contrib.staticfiles import finders


def test_css_and_htmx_are_found():
    for name in ("deelwijzer/deelwijzer.css", "deelwijzer/htmx.min.js"):
        assert finders.find(name), name
