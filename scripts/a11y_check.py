#!/usr/bin/env python3
"""Every public page, audited for people with a screen reader, a keyboard only or a small phone.

    python scripts/a11y_check.py http://tiep.localhost:8000 --axe node_modules/axe-core/axe.min.js [--code ABCD-EFGH-JKLM]

For each public page (the opinion form, tracking - with a code when given -, the published
results list and one conference's results, the open statistics, the signature verification
page when the site has one) in headless Debian chromium driven by Selenium:

- axe-core (from the npm registry; ``npm install axe-core``) runs at 1366 and 360 pixels wide:
  a serious or critical violation fails the page, moderate and minor ones are printed;
- at 320 pixels the page must not scroll sideways (it reads without panning);
- the keyboard alone reaches every link, button and field with Tab, and focus is visible;
- the opinion form's file picker speaks Vietnamese (its button and "no file" words come from
  the app's translations, not from the browser's English).

Prints one line per check and ends with
``a11y checks: N passed, M failed (axe serious/critical: S, moderate/minor: K)``; exits 1 when
any check failed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

WIDTHS = (1366, 360)
NARROW = 320
FAILING_IMPACTS = ("serious", "critical")
PAGES = ("/gui-y-kien", "/tra-cuu-y-kien", "/ket-qua-doi-thoai", "/thong-ke")
# Added where the site has them (another part of the app may not exist yet): skipped on 404.
OPTIONAL_PAGES = ("/kiem-tra-chu-ky",)  # the signature check (issue 20), where the site has it
FOCUSABLE = "a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex='-1'])"
# The file picker must say these (vi.csv), not Chromium's "Choose Files" / "No file chosen".
FILE_PICKER_WORDS = ("Chọn tệp", "Chưa chọn tệp")


def make_driver(profile: str) -> webdriver.Chrome:
	options = webdriver.ChromeOptions()
	options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
	for flag in (
		"--headless",
		"--no-sandbox",
		"--disable-gpu",
		"--disable-dev-shm-usage",
		"--no-first-run",
		"--disable-background-networking",
		"--window-size=1366,900",
		"--lang=vi",
		f"--user-data-dir={profile}",
	):
		options.add_argument(flag)
	service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
	driver = webdriver.Chrome(service=service, options=options)
	driver.set_page_load_timeout(60)
	driver.set_script_timeout(60)
	return driver


def set_width(driver: webdriver.Chrome, width: int) -> None:
	# Device metrics, not only the window: headless Chromium keeps a minimum window width.
	driver.execute_cdp_cmd(
		"Emulation.setDeviceMetricsOverride",
		{"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 800},
	)


def load(driver: webdriver.Chrome, url: str) -> None:
	driver.get(url)
	driver.execute_async_script(
		"const done = arguments[arguments.length - 1];"
		"const ready = () => document.readyState === 'complete';"
		"const wait = () => ready() ? setTimeout(done, 400) : setTimeout(wait, 100); wait();"
	)


def run_axe(driver: webdriver.Chrome, axe_source: str) -> list[dict]:
	driver.execute_script(axe_source)
	result = driver.execute_async_script(
		"const done = arguments[arguments.length - 1];"
		"axe.run(document, {resultTypes: ['violations']})"
		".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
		" nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"
		".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));"
	)
	return result or []


def sideways_scroll(driver: webdriver.Chrome) -> int:
	return driver.execute_script(
		"return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth);"
	)


def keyboard_problems(driver: webdriver.Chrome) -> list[str]:
	"""Tab from the top: every visible focusable element is reached, with a visible focus."""
	wanted = driver.execute_script(
		"return Array.from(document.querySelectorAll(arguments[0])).filter(e => {"
		" const r = e.getBoundingClientRect(); const s = getComputedStyle(e);"
		" return !e.disabled && s.visibility !== 'hidden' && s.display !== 'none'"
		" && (r.width > 0 && r.height > 0 || e.type === 'file') && !e.closest('[aria-hidden=true]'); }).length;",
		FOCUSABLE,
	)
	driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")

	def tab() -> None:
		ActionChains(driver).send_keys(Keys.TAB).perform()  # key events, not typing into a file field

	tab()
	seen, invisible = set(), []
	for _ in range(wanted + 40):
		info = driver.execute_script(
			"const e = document.activeElement; if (!e || e === document.body) return null;"
			"const s = getComputedStyle(e); const label = document.querySelector(`label[for='${e.id}']`);"
			"const shown = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 || s.boxShadow !== 'none'"
			" || (label && getComputedStyle(label).boxShadow !== 'none')"
			" || (label && getComputedStyle(label).outlineStyle !== 'none');"
			"if (!e.dataset.a11yKey) e.dataset.a11yKey = Math.random().toString(36).slice(2);"
			"return [e.dataset.a11yKey, e.tagName + (e.id ? '#' + e.id : ''), shown];"
		)
		if info:
			key, name, shown = info
			if key in seen:
				break
			seen.add(key)
			if not shown:
				invisible.append(name)
		tab()
	problems = []
	if len(seen) < wanted:
		problems.append(f"Tab reaches {len(seen)} of {wanted} links, buttons and fields")
	if invisible:
		problems.append(f"no visible focus on {', '.join(invisible[:5])}")
	return problems


def discover(driver: webdriver.Chrome, base: str, code: str | None) -> list[str]:
	pages = list(PAGES)
	if code:
		pages.append(f"/tra-cuu-y-kien?code={code}")
	load(driver, base + "/ket-qua-doi-thoai")
	links = driver.execute_script(
		"return Array.from(document.querySelectorAll(\"a[href^='/ket-qua-doi-thoai/']\")).map(a => a.getAttribute('href'));"
	)
	if links:
		pages.append(links[0])
	for path in OPTIONAL_PAGES:
		load(driver, base + path)
		if "404" not in (driver.title or "") and not driver.find_elements(
			By.CSS_SELECTOR, ".page-not-found, .not-found"
		):
			status = driver.execute_script(
				"return performance.getEntriesByType('navigation')[0].responseStatus || 200;"
			)
			if status == 200:
				pages.append(path)
	return pages


def main() -> int:
	parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	parser.add_argument("base_url")
	parser.add_argument("--axe", default=os.environ.get("AXE_JS", "node_modules/axe-core/axe.min.js"))
	parser.add_argument("--code", help="a tracking code whose page shows an answer")
	args = parser.parse_args()
	base = args.base_url.rstrip("/")
	axe_source = Path(args.axe).read_text()
	passed = failed = serious = minor = 0

	def report(ok: bool, line: str) -> None:
		nonlocal passed, failed
		passed, failed = passed + ok, failed + (not ok)
		print(f"{'ok  ' if ok else 'FAIL'} {line}", flush=True)

	with tempfile.TemporaryDirectory() as profile:
		driver = make_driver(profile)
		try:
			for path in discover(driver, base, args.code):
				for width in WIDTHS:
					set_width(driver, width)
					load(driver, base + path)
					violations = run_axe(driver, axe_source)
					bad = [v for v in violations if v["impact"] in FAILING_IMPACTS]
					serious += len(bad)
					minor += len(violations) - len(bad)
					detail = "; ".join(
						f"{v['impact']} {v['id']}: {v['help']} ({', '.join(v['nodes'])})" for v in violations
					)
					report(
						not bad,
						f"axe {path} @{width}px: {len(bad)} serious/critical, {len(violations) - len(bad)} other {detail}".rstrip(),
					)
				set_width(driver, NARROW)
				load(driver, base + path)
				extra = sideways_scroll(driver)
				report(
					extra <= 1,
					f"reflow {path} @{NARROW}px: {'no' if extra <= 1 else f'{extra}px of'} sideways scrolling",
				)
				set_width(driver, WIDTHS[0])
				load(driver, base + path)
				problems = keyboard_problems(driver)
				report(
					not problems,
					f"keyboard {path}: {'; '.join(problems) or 'every control reached, focus visible'}",
				)
				if path == "/gui-y-kien":
					text = driver.find_element(By.TAG_NAME, "body").text
					missing = [w for w in FILE_PICKER_WORDS if w not in text]
					report(
						not missing,
						f"file picker {path}: {'missing ' + ', '.join(missing) if missing else 'in Vietnamese'}",
					)
		finally:
			driver.quit()
	print(
		f"a11y checks: {passed} passed, {failed} failed (axe serious/critical: {serious}, moderate/minor: {minor})"
	)
	return 1 if failed else 0


if __name__ == "__main__":
	sys.exit(main())
