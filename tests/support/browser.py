"""Open a page in Debian's headless Chromium (installed by scripts/ensure_chromium.sh) through Playwright."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# no background traffic: this machine's network is closed, and the page must work offline anyway
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class PageVisit:
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def visit(page_file: Path, screenshot: Path, selectors: dict[str, str]) -> PageVisit:
    """Load a local HTML file, count elements per selector once charts have drawn, and save a screenshot."""
    result = PageVisit()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("console", lambda m: result.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: result.console_errors.append(str(e)))
        page.on(
            "request", lambda r: result.requests.append(r.url) if not r.url.startswith(("file:", "data:")) else None
        )
        page.goto(page_file.resolve().as_uri(), wait_until="load")
        page.wait_for_timeout(500)
        result.counts = {name: page.locator(sel).count() for name, sel in selectors.items()}
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot), full_page=True)
        browser.close()
    return result
