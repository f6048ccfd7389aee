"""Issue #22 in the browser: the statistics page (charts with their tables) for the functional
administrator, the attention officer and the privacy officer, and the audit trail's filters,
refused filter and exports for the privacy officer. axe runs on every page (Person.seen)."""

from __future__ import annotations

from playwright.sync_api import expect


def test_statistics_for_each_role_that_may_see_them(signed_in):
    for username in ("beheer", "aandacht", "privacy"):
        person = signed_in(username)
        person.follow("Statistieken", exact=True, shot=f"statistieken-{username}")
        page = person.page
        expect(page.get_by_role("heading", name="Casussen per bereikte stap")).to_be_visible()
        charts = page.locator("img.chart")
        # a chart, or (all its counts under 5, as with few cases) a line that says why not
        left_out = page.get_by_text("Alle aantallen zijn hier kleiner dan 5, dus er is geen")
        assert charts.count() + left_out.count() >= 10
        for alt in charts.evaluate_all("(images) => images.map(i => i.alt)"):
            assert alt.startswith("Grafiek: ") and "tabel" in alt
        assert page.locator("table caption").count() >= 14  # every figure has its table
        assert page.evaluate("() => [...document.images].every(i => i.naturalWidth > 0)")
        page.get_by_label("Tel per", exact=True).select_option("school_year")
        with page.expect_navigation():
            page.get_by_role("button", name="Toon").click()
        person.seen()
        expect(page.get_by_role("heading", name="Per periode")).to_be_visible()
        with page.expect_download() as download:
            page.get_by_role("link", name="Download als CSV").click()
        assert download.value.suggested_filename.endswith(".csv")


def test_a_refused_period_keeps_the_input(signed_in):
    page = signed_in("beheer").page
    page.goto("/statistieken/?van=2026-05-01&tot=2026-01-01")
    expect(page.get_by_text("De begindatum ligt na de einddatum.").first).to_be_visible()
    assert page.get_by_label("Vanaf").input_value() == "2026-05-01"


def test_the_audit_trail_filters_and_exports(signed_in):
    privacy = signed_in("privacy")
    privacy.follow("Audittrail", exact=True, shot="audittrail-filter")
    page = privacy.page
    page.get_by_label("Uitkomst").select_option("done")
    page.get_by_label("Handeling").select_option("auth.login")
    with page.expect_navigation():
        page.get_by_role("button", name="Filter").click()
    privacy.seen()
    rows = page.locator("table.audit-table tbody tr")
    assert rows.count() >= 1
    expect(rows.first).to_contain_text("Ingelogd")
    with page.expect_download() as download:
        page.get_by_role("link", name="Deze selectie als ondertekende PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.get_by_label("Vanaf").fill("2026-05-01")
    page.get_by_label("Tot en met").fill("2026-01-01")
    with page.expect_navigation():
        page.get_by_role("button", name="Filter").click()
    privacy.seen()
    expect(page.get_by_text("De begindatum ligt na de einddatum.").first).to_be_visible()
