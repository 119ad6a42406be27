"""Opens an HTML report in headless Chromium (Debian's, driven by Playwright) with every network
request refused, and checks that it needs none: no request other than the file itself, no
console error, no script error. Then checks the rendered text carries each headline sentence
and takes a screenshot.

usage: python check.py REPORT.html HEADLINE.json SCREENSHOT.png   (exit 1 on a failure)
"""
import json
import sys

from playwright.sync_api import sync_playwright

report, headlines, shot = sys.argv[1:4]
url = "file://" + report
problems = []
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    page = browser.new_page(viewport={"width": 1200, "height": 900})

    def route(r):
        if r.request.url == url:
            r.continue_()
        else:
            problems.append(f"request to {r.request.url}")
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and problems.append(f"console error: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.on("requestfailed", lambda r: r.url != url and problems.append(f"failed request: {r.url}"))
    page.goto(url, wait_until="load")
    text = page.inner_text("body")
    svgs = page.locator("figure svg").count()
    figures = page.locator("figure").count()
    if svgs != figures or figures == 0:
        problems.append(f"{figures} figures but {svgs} inline charts")
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > 1200:
        problems.append(f"the page is {width}px wide in a 1200px window")
    flat = " ".join(text.split())
    statements = json.load(open(headlines))["statements"]
    for h in statements:
        if not h["suppressed"] and h["text"] not in flat:
            problems.append(f"headline not rendered: {h['text']}")
    page.screenshot(path=shot, full_page=False)
    browser.close()
for p_ in problems:
    print(p_)
print(f"{report}: {figures} charts inline, {len(statements)} headlines checked, {len(problems)} problems; screenshot {shot}")
sys.exit(1 if problems else 0)
