#!/usr/bin/env python
"""Lighthouse (mobile) scores for home, a product page and the article, served like production.

Sets up a throwaway shop as scripts/bench_pages.py does, serves it with gunicorn and
production settings (uploaded pictures by whitenoise, standing in for the web server),
and runs npm's `lighthouse` against Debian's Chromium, headless. Lighthouse is installed
with npm into .local/lighthouse (not committed):

    (mkdir -p .local/lighthouse && cd .local/lighthouse && npm install lighthouse@12.8.2)
    .venv/bin/python scripts/lighthouse.py [--port 8510] [--runs 3]   (or: make lighthouse)
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pages import ARTICLE, ROOT, Server, throwaway_shop  # noqa: E402

LIGHTHOUSE = ROOT / ".local" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --no-first-run")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {"home": "/", "product": "/catalogue/classic-acupressure-mat_1/", "article": ARTICLE}


def lighthouse(url, report_path):
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(
        [str(LIGHTHOUSE), url, f"--chrome-flags={CHROME_FLAGS}", "--output=json", f"--output-path={report_path}",
         "--quiet", f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile"],
        env=env, check=True,
    )
    report = json.loads(Path(report_path).read_text())
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    failing = [
        f"{audit['id']} ({audit['score']})"
        for audit in report["audits"].values()
        if audit.get("score") is not None and audit["score"] < 0.9 and audit.get("scoreDisplayMode") in ("binary", "numeric")
        and not audit["id"].endswith("-insight")  # insights explain, they are not scored
    ]
    return scores, failing, report


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8510)
    parser.add_argument("--reports", help="keep the JSON reports in this folder")
    parser.add_argument("--runs", type=int, default=1,
                        help="Lighthouse runs per page; the run with the median performance score is reported")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: (mkdir -p .local/lighthouse && cd .local/lighthouse && npm install lighthouse@12.8.2)")

    with throwaway_shop("lighthouse-shop-") as env:
        server = Server("scripts.shop_with_media_wsgi:application", args.port, env, ROOT)
        try:
            rows = []
            for name, path in PAGES.items():
                # What is measured is a shopper's first load, not the server's first render
                # after start-up, which also makes the pictures' thumbnails (several seconds
                # for a product page's srcsets) and fills the page cache.
                urllib.request.urlopen(server.url + path, timeout=60).read()
                runs = []
                for run in range(args.runs):
                    suffix = f"-{run + 1}" if args.runs > 1 else ""
                    report_path = Path(args.reports or env["DATA_DIR"]) / f"lighthouse-{name}{suffix}.json"
                    report_path.parent.mkdir(parents=True, exist_ok=True)
                    runs.append(lighthouse(server.url + path, report_path))
                runs.sort(key=lambda result: result[0]["performance"])
                scores, failing, report = runs[len(runs) // 2]
                if args.runs > 1:
                    performance = [result[0]["performance"] for result in runs]
                    print(f"{name}: performance over {args.runs} runs {performance}, median {statistics.median(performance)}")
                weight = report["audits"]["total-byte-weight"]["numericValue"]
                rows.append((name, scores, failing, weight))
        finally:
            server.stop()

    print("| page | performance | accessibility | best practices | SEO | bytes transferred |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, scores, _failing, weight in rows:
        print(f"| {name} | " + " | ".join(str(scores[c]) for c in CATEGORIES) + f" | {weight / 1000:.0f} kB |")
    for name, _scores, failing, _weight in rows:
        if failing:
            print(f"{name}: audits below 0.9: {', '.join(failing)}")


if __name__ == "__main__":
    main()
