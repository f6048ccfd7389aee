"""`make bench`: run every benchmark, write bench/results/latest.json and latest.md.

The machines are shared and noisy: compare figures as ratios within one run.
"""

from __future__ import annotations

import importlib
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
BENCHMARKS = (
    "bench_engine", "bench_text", "bench_pseudonymise", "bench_app", "bench_limits",
    "bench_attachments", "bench_insight",
)  # fmt: skip


def machine() -> str:
    """The machine and the interpreter (its real path, which says whose build it is): on these
    machines the same pages take about a quarter less processor time on Debian's Python than on
    pyenv's (docs/deployment.md section 1)."""
    python = os.path.realpath(sys.executable)
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()} ({python})"
    )


def rows(results: dict) -> list[tuple[str, str, str]]:
    engine, text, pseudo = (results.get(k, {}) for k in BENCHMARKS[:3])
    table = []
    for size in ("10", "100", "200", "1000"):
        if size in engine:
            table.append(
                (
                    f"evaluate(), {size} entries",
                    f"{engine[size]['evaluate_ms']:.2f} ms",
                    "well under 10 ms at 200" if size == "200" else "",
                )
            )
    if text:
        table.append(("check-text", f"{text['words_per_second']:,} words/s", ">= 100,000 words/s"))
        table += evaluation_rows(text.get("evaluation") or {})
        table.append(
            (
                "check-text time per word, 1M vs 10k words",
                f"{text['time_per_word_1m_vs_10k']}x",
                "about 1x (linear)",
            )
        )
    if pseudo:
        table.append(("pseudonymise / deduce, per 1,000 words", f"{pseudo['ratio']}x", "< 1.3x"))
        table.append(
            (
                "RSS without / with deduce",
                f"{pseudo['rss_mb']['without_model']} / {pseudo['rss_mb']['with_model']} MB",
                "",
            )
        )
        table.append(("deduce load (tables built)", f"{pseudo['load_seconds_warm']} s", ""))
        table += places_rows(pseudo.get("places_eval") or {})
    table += app_rows(results.get("bench_app") or {})
    table += limit_rows(results.get("bench_limits") or {})
    table += attachment_rows(results.get("bench_attachments") or {})
    return table + insight_rows(results.get("bench_insight") or {})


def insight_rows(insight: dict) -> list[tuple[str, str, str]]:
    """Issue #22: statistics at 10,000 cases, the audit trail at 1,000,000 rows (PostgreSQL)."""
    if not insight:
        return []
    stats, audit = insight["statistics"], insight["audit"]
    filters = audit["filters_ms"]
    return [
        (f"statistics, every figure, {stats['cases_all']:,} cases",
         f"{stats['figures_all_ms']} ms", "< 1 s"),
        (f"statistics page, one organisation ({stats['cases_org']:,} cases)",
         f"{stats['page_org_ms']} ms", "< 1 s"),
        *([(f"statistics page, one organisation of {stats['cases_org_all']:,} cases",
            f"{stats['page_org_all_ms']} ms (figures {stats['figures_org_all_ms']} ms)", "< 1 s")]
          if "page_org_all_ms" in stats else []),
        (f"audit page, slowest filter, {audit['rows']:,} rows",
         f"{max(filters.values())} ms", ""),
        ("audit CSV of the refused rows", f"{audit['csv_refused_seconds']} s", ""),
    ]  # fmt: skip


def attachment_rows(found: dict) -> list[tuple[str, str, str]]:
    """Adding a 5 MB photo and the dossier PDF of a case with 20 images (bench_attachments)."""
    out = []
    if "upload_5mb" in found:
        u = found["upload_5mb"]
        out.append(
            (
                f"attachment: add a {u['photo_mb']} MB photo (re-encoded, encrypted, stored): "
                "time / peak RSS above before / Python peak",
                f"{u['seconds']} s / {u['peak_rss_above_before_mb']} MB / {u['python_peak_mb']} MB",
                "",
            )
        )
    if "dossier_pdf_20_images" in found:
        d = found["dossier_pdf_20_images"]
        out.append((f"dossier PDF with {d['images']} images (thumbnails)", f"{d['seconds']} s", ""))
    return out


EVALUATION_PARTS = (("all", "whole set", ">= 0.92 / <= 0.05"), ("heldout", "held-out part", ""))


def evaluation_rows(evaluation: dict) -> list[tuple[str, str, str]]:
    """The language checker's recall and false alarms on its evaluation set (bench_text)."""
    return [
        (
            f"check-text on its evaluation set, {label} ({f['interpretive']} interpretive / "
            f"{f['factual']} factual sentences): recall / false alarms",
            f"{f['recall']:.3f} / {f['false_alarm_rate']:.3f}",
            target,
        )
        for part, label, target in EVALUATION_PARTS
        if (f := evaluation.get(part))
    ]


def places_rows(places: dict) -> list[tuple[str, str, str]]:
    """The pseudonymiser on its evaluation set of advice requests (#24)."""
    if not places:
        return []
    return [
        (
            f"pseudonymise recall on the eval set ({places['texts']} texts, "
            f"{places['must_go']} must-go strings)",
            f"{places['recall']}",
            ">= 0.95",
        ),
        ("pseudonymise: must-stay words eaten on the eval set", f"{len(places['eaten'])}", "0"),
        ("pseudonymise / deduce, 1,000 words of the eval set", f"{places['ratio']}x", "< 1.3x"),
        (
            "pseudonymise / deduce, the eval set's short texts one by one",
            f"{places['ratio_text_by_text']}x",
            "",
        ),
    ]


def limit_rows(limits: dict) -> list[tuple[str, str, str]]:
    """The largest case the text limits allow, as PDF (bench_limits)."""
    out = []
    for kind, label in (("prose", "prose"), ("one_word", "one word without spaces")):
        if kind in limits:
            f = limits[kind]
            out.append(
                (
                    f"largest allowed case ({f['texts']} texts of {limits['text_max']:,} "
                    f"characters, {label}): dossier PDF / subject-access PDF",
                    f"{f['dossier_pdf_s']} s / {f['subject_access_pdf_s']} s",
                    "well under gunicorn's 60 s time-out",
                )
            )
    return out


def _lat(f: dict) -> str:
    return f"{f['p50_ms']:.0f} / {f['p95_ms']:.0f} / {f['p99_ms']:.0f} ms, {f['rps']} req/s"


def app_rows(app: dict) -> list[tuple[str, str, str]]:
    """The web app's rows: seeding, the load test, pages, documents, memory (bench_app)."""
    table: list[tuple[str, str, str]] = []
    if not app:
        return table
    seeds = [f"{db} {app[db]['seed_seconds']} s" for db in ("sqlite", "postgresql") if db in app]
    table.append((f"seed {app['cases']:,} cases (30 entries each)", ", ".join(seeds), ""))
    table += _load_rows(app.get("load") or {})
    pg = app.get("postgresql") or {}
    for label in ("big case", "typical case"):
        pages = (pg.get("pages") or {}).get(label)
        if pages:
            slowest = max((k for k in pages if k != "entries"), key=lambda k: pages[k]["ms"])
            table.append(
                (
                    f"{label} ({pages['entries']} entries), one request, PostgreSQL",
                    f"case page {pages['case page']['ms']} ms ({pages['case page']['queries']} "
                    f"queries); slowest: {slowest} {pages[slowest]['ms']} ms",
                    "",
                )
            )
    docs = pg.get("documents") or {}
    if "dossier_pdf" in docs:
        d = docs["dossier_pdf"]
        table.append((f"dossier PDF, {d['entries']} entries", f"{d['ms'] / 1000:.2f} s", ""))
    if "share_pdf" in docs:
        table.append(("share document PDF", f"{docs['share_pdf']['ms']:.0f} ms", ""))
    table += _memory_rows(app.get("memory") or {})
    return table


def _load_rows(load: dict) -> list[tuple[str, str, str]]:
    if not load:
        return []
    users = load["mix"]["users"]
    out = [("sign-in (password + TOTP), median", f"{load['sign_in']['p50_s']} s", "")]
    for key, think in (("mix", "3-10 s"), ("mix_busy", "0.5-2 s")):
        if key not in load:
            continue
        mix = load[key]["by_name"]
        for name, target in (("case page", "p95 < 150 ms"), ("step page", ""), ("dashboard", "")):
            if name in mix:
                label = f"{name}, {users} users, think time {think}: p50/p95/p99"
                out.append((label, _lat(mix[name]), target))
        if "healthz" in mix:
            out.append((f"bare view, same run ({think}): p50/p95/p99", _lat(mix["healthz"]), ""))
        errors = sum(f["errors"] for k, f in mix.items() if k != "Aggregated")
        total = mix["Aggregated"]["requests"]
        out.append((f"errors in the mix ({think})", f"{errors} of {total}", "0"))
    floor = load["saturated_healthz"]["by_name"]["healthz"]["rps"]
    out.append((f"saturated, {users} users: bare view", f"{floor} req/s", ""))
    signed = load.get("saturated_healthz_signed_in")
    if signed:
        rps = signed["by_name"]["healthz signed in"]["rps"]
        out.append(
            ("saturated: bare view with the session cookie (signed-in floor)", f"{rps} req/s", "")
        )
        out.append(("signed-in floor / bare view", f"{round(rps / floor, 3)}", ""))
    for phase, suffix, what in (
        ("saturated_case_page", "", "first views of the day included"),
        ("saturated_case_page_kept", "_kept", "every case viewed once before"),
    ):
        if phase not in load:
            continue
        case = load[phase]["by_name"]["case page"]["rps"]
        out.append((f"saturated: case page, {what}", f"{case} req/s", ""))
        ratio = load[f"case_page{suffix}_vs_floor"]
        out.append((f"case page ({what}) / bare view", f"{ratio}", ">= 0.33"))
        if signed:
            ratio = load[f"case_page{suffix}_vs_signed_in_floor"]
            out.append((f"case page ({what}) / signed-in floor", f"{ratio}", ""))
    before, after = load["mix"]["load_average_1min"]
    out.append(("machine load average (1 min) before / after the mix", f"{before} / {after}", ""))
    return out


def _memory_rows(memory: dict) -> list[tuple[str, str, str]]:
    if not memory or "skipped" in memory:
        return []
    out = []
    for mode, label in (
        ("none", "no deduce"),
        ("worker", "deduce in every worker"),
        ("preload", "deduce preloaded in the master"),
    ):
        m = memory[mode]
        out.append(
            (
                f"gunicorn, {m['workers']} workers, {label}: total PSS (USS per worker)",
                f"{m['total_pss_mb']:,.0f} MB ({m['worker_mean']['uss_mb']:.0f} MB)",
                "",
            )
        )
    return out


def markdown(results: dict) -> str:
    lines = [
        f"Measured {results['date']} on {results['machine']}.",
        "",
        "| what | figure | target |",
        "|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows(results)]
    return "\n".join(lines) + "\n"


def main() -> int:
    results: dict = {"date": datetime.now(UTC).date().isoformat(), "machine": machine()}
    for name in BENCHMARKS:
        started = time.monotonic()
        print(f"bench: {name} …", file=sys.stderr, flush=True)
        results[name] = importlib.import_module(f"bench.{name}").run()
        results[name]["_seconds"] = round(time.monotonic() - started, 1)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "latest.md").write_text(markdown(results))
    print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
