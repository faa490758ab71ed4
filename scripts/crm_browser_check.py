#!/usr/bin/env python3
"""Frappe CRM's own screens, in headless Chromium, on a site where this app is installed too.

    python scripts/crm_browser_check.py http://tiep-crm-a.localhost:8095 /tmp/screenshots

scripts/crm_coexistence.sh creates the CRM salesperson (tests/crm_coexistence.py) and serves
the site. As that user, through CRM's /crm UI: the leads list renders; a lead is created with
CRM's own Create dialog; its page opens; a comment and an attachment are added through the same
endpoints CRM's comment box and file uploader call (the comment method the installed CRM's
frontend calls, ``--comment-method``: crm.api.comment.add_comment in CRM 1.70, Frappe's
frappe.desk.form.utils.add_comment in 1.56; upload_file),
from the logged-in page, so this app's hooks (before_request, the permission hooks of File and
Comment, the whitelisted overrides) see every request; the lead page then shows both. A step
fails on an HTTP 4xx/5xx answer, a console error or a missing element.

CRM releases follow Frappe's: a CRM of a newer Frappe calls endpoints the bench's Frappe lacks
(CRM 1.56 asks ``frappe.onboarding.get_onboarding_status`` of Frappe 15.55, which answers 417)
whether this app is there or not. So the script can run twice on one site: first with CRM alone
(``--record FILE`` keeps every problem it saw), then with this app installed too
(``--baseline FILE``): a problem CRM alone showed is printed as such and does not fail the step;
any other problem does. That is the question asked: do CRM's screens work with this app's hooks
as they work without them.

Prints ``ok <step>`` / ``FAIL <step>`` per step, ``lead: <name>`` once created, and exits 1
when a step failed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from browser_check import drain_logs, make_driver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

USER = "crm-user@example.com"
PASSWORD = "Crm@2026-coexist"  # tests/crm_coexistence.py CRM_PASSWORD
FIRST_NAME = "Coexist"
COMMENT = "Comment from the coexistence check"
ATTACHMENT = "coexistence-note.txt"
TIMEOUT = 60


class Steps:
	def __init__(self, driver, out: Path, baseline: set[str], record: Path | None) -> None:
		self.driver, self.out, self.failed = driver, out, 0
		self.baseline, self.record, self.seen = baseline, record, []

	def report(self, name: str, problems: list[str]) -> bool:
		shot = self.out / f"crm-{name.replace(' ', '-')}.png"
		try:
			self.driver.save_screenshot(str(shot))
		except WebDriverException:
			pass
		self.seen.extend(problems)
		if self.record:
			self.record.write_text("".join(f"{p}\n" for p in dict.fromkeys(self.seen)), encoding="utf-8")
		known = [p for p in problems if p in self.baseline]
		problems = [p for p in problems if p not in self.baseline]
		for problem in dict.fromkeys(known):
			print(f"       (CRM alone shows it too) {problem}", flush=True)
		if problems:
			self.failed += 1
			print(f"FAIL {name} -> {shot}", flush=True)
			for problem in problems:
				print(f"       {problem}", flush=True)
			return False
		print(f"ok {name} -> {shot}", flush=True)
		return True


def wait_for(driver, script: str, *args, timeout: float = TIMEOUT):
	"""Until ``script`` returns something truthy; its value, or None on timeout."""
	try:
		return WebDriverWait(driver, timeout, poll_frequency=0.5).until(
			lambda d: d.execute_script(script, *args)
		)
	except TimeoutException:
		return None


def call(driver, method: str, args: dict) -> dict:
	"""A POST to /api/method/<method> from the page, with the session's CSRF token."""
	return driver.execute_async_script(
		"""
		const [method, args, done] = arguments;
		const body = new URLSearchParams();
		Object.entries(args).forEach(([k, v]) => body.append(k, typeof v === 'string' ? v : JSON.stringify(v)));
		fetch('/api/method/' + method, {method: 'POST', body,
			headers: {'X-Frappe-CSRF-Token': window.csrf_token, 'Accept': 'application/json'}})
			.then(r => r.json().then(j => done({status: r.status, json: j})))
			.catch(e => done({status: 0, json: {error: String(e)}}));
		""",
		method,
		args,
	)


def upload(driver, lead: str) -> dict:
	"""What CRM's file uploader sends: a private file attached to the lead."""
	return driver.execute_async_script(
		"""
		const [lead, name, done] = arguments;
		const form = new FormData();
		form.append('file', new Blob(['attached by the coexistence check'], {type: 'text/plain'}), name);
		form.append('is_private', '1');
		form.append('folder', 'Home/Attachments');
		form.append('doctype', 'CRM Lead');
		form.append('docname', lead);
		fetch('/api/method/upload_file', {method: 'POST', body: form,
			headers: {'X-Frappe-CSRF-Token': window.csrf_token, 'Accept': 'application/json'}})
			.then(r => r.json().then(j => done({status: r.status, json: j})))
			.catch(e => done({status: 0, json: {error: String(e)}}));
		""",
		lead,
		ATTACHMENT,
	)


def login(driver, base: str) -> list[str]:
	driver.get(base + "/login")
	wait = WebDriverWait(driver, TIMEOUT)
	wait.until(lambda d: d.find_element(By.ID, "login_email").is_displayed())
	driver.find_element(By.ID, "login_email").send_keys(USER)
	driver.find_element(By.ID, "login_password").send_keys(PASSWORD)
	driver.find_element(By.CSS_SELECTOR, ".form-login .btn-login").click()
	wait.until(lambda d: "/login" not in d.current_url)
	return drain_logs(driver)


def page_text(driver) -> str:
	return driver.find_element(By.TAG_NAME, "body").text


FIRST_NAME_INPUT = (
	"const d = document.querySelector('[role=dialog]'); if (!d) return null;"
	"const want = window.__('First Name');"
	"return [...d.querySelectorAll('input')].find(i => (i.placeholder || '').includes(want)"
	" || (i.closest('div') && (i.closest('div').parentElement || {}).innerText"
	" && i.closest('div').parentElement.innerText.trim().startsWith(want)));"
)


def create_lead(driver, create_label: str | None, problems: list[str]) -> str | None:
	"""CRM's Create Lead dialog as a person uses it; the new lead's name, or None."""
	if not create_label:
		problems.append("no Create button")
		return None
	# CRM loads its translations after the first render: the label may have changed since the
	# list was read, so the button is looked up by both
	opened = driver.execute_script(
		"const want = [arguments[0], window.__('Create')];"
		"const b = [...document.querySelectorAll('button')].find(b => want.includes(b.innerText.trim()));"
		"if (b) b.click(); return !!b;",
		create_label,
	)
	if not opened:
		problems.append(f"no {create_label!r} button on /crm/leads")
		return None
	typed = False
	for _attempt in range(3):  # Vue may re-render the dialog while it opens: find the field again
		field = wait_for(driver, FIRST_NAME_INPUT)
		if not field:
			break
		try:
			field.click()
			# CRM binds the value on change: leave the field as a person would
			field.send_keys(FIRST_NAME, Keys.TAB)
			typed = True
			break
		except WebDriverException:
			time.sleep(1)
	if not typed:
		problems.append("no First Name input to type into in CRM's Create Lead dialog")
		return None
	time.sleep(0.5)
	clicked = driver.execute_script(
		"const d = document.querySelector('[role=dialog]'); if (!d) return false;"
		"const want = [arguments[0], window.__('Create')];"
		"const b = [...d.querySelectorAll('button')].filter(b => want.includes(b.innerText.trim())).pop();"
		"if (b) b.click(); return !!b;",
		create_label,
	)
	if not clicked:
		problems.append(f"no {create_label!r} button in CRM's Create Lead dialog")
		return None
	lead = wait_for(
		driver,
		"const m = location.pathname.match(/^\\/crm\\/leads\\/([^/?#]+)$/);"
		" return m && decodeURIComponent(m[1]);",
	)
	if not lead:
		problems.append(f"the dialog did not open the new lead (at {driver.current_url})")
	return lead


def run(
	base: str,
	out: Path,
	baseline: set[str] | None = None,
	record: Path | None = None,
	comment_method: str = "frappe.desk.form.utils.add_comment",
) -> int:
	with tempfile.TemporaryDirectory(prefix="txdt-crm-chromium-") as profile:
		driver = make_driver(profile)
		driver.set_script_timeout(TIMEOUT)
		steps = Steps(driver, out, baseline or set(), record)
		try:
			logged_in = True
			try:
				problems = login(driver, base)
			except (TimeoutException, WebDriverException) as exc:
				problems, logged_in = [f"login failed: {getattr(exc, 'msg', exc)}"], False
			# a request or console error after a good login is judged like any step's (the
			# baseline may know it); only a login that did not happen ends the check
			if not steps.report("login as a CRM salesperson", problems) and not logged_in:
				return 1

			# -- the leads list --------------------------------------------------------------
			driver.get(base + "/crm/leads")
			create_label = wait_for(
				driver,
				"return window.__ && document.querySelector('#app') && [...document.querySelectorAll('button')]"
				".some(b => b.innerText.trim() === window.__('Create')) && window.__('Create');",
			)
			time.sleep(2)
			problems = [] if create_label else ["no Create button on /crm/leads"]
			if "/crm/leads" not in driver.current_url:
				problems.append(f"landed on {driver.current_url}")
			steps.report("CRM leads list", problems + drain_logs(driver))

			# -- a new lead, with CRM's own dialog ------------------------------------------
			lead = None
			problems = []
			try:
				lead = create_lead(driver, create_label, problems)
			except WebDriverException as exc:  # the browser's own error is a finding of the step
				problems.append(
					f"{type(exc).__name__}: {(getattr(exc, 'msg', '') or str(exc)).splitlines()[0]}"
				)
			if lead:
				print(f"lead: {lead}", flush=True)
				if not wait_for(driver, "return document.body.innerText.includes(arguments[0]);", FIRST_NAME):
					problems.append("the lead page does not show the lead's name")
			steps.report("create a lead in CRM's dialog and open its page", problems + drain_logs(driver))
			if not lead:
				return 1

			# -- a comment and an attachment, as CRM's comment box and uploader send them ----
			comment = {
				"reference_doctype": "CRM Lead",
				"reference_name": lead,
				"content": f"<p>{COMMENT}</p>",
			}
			if comment_method.startswith("frappe."):  # Frappe's own asks who comments, as CRM sends it
				comment |= {"comment_email": USER, "comment_by": "Sales Person"}
			answer = call(driver, comment_method, comment)
			problems = (
				[] if answer["status"] == 200 else [f"add_comment: HTTP {answer['status']} {answer['json']}"]
			)
			driver.get(f"{base}/crm/leads/{lead}#comments")
			if not wait_for(driver, "return document.body.innerText.includes(arguments[0]);", COMMENT):
				problems.append("the Comments tab does not show the comment")
			steps.report("comment on the lead, shown in its Comments tab", problems + drain_logs(driver))

			answer = upload(driver, lead)
			problems = (
				[] if answer["status"] == 200 else [f"upload_file: HTTP {answer['status']} {answer['json']}"]
			)
			driver.get(f"{base}/crm/leads/{lead}#attachments")
			if not wait_for(driver, "return document.body.innerText.includes(arguments[0]);", ATTACHMENT):
				problems.append("the Attachments tab does not show the file")
			steps.report(
				"attach a file to the lead, shown in its Attachments tab", problems + drain_logs(driver)
			)

			# -- the list again, with the new lead ---------------------------------------------
			driver.get(base + "/crm/leads")
			found = wait_for(driver, "return document.body.innerText.includes(arguments[0]);", FIRST_NAME)
			steps.report(
				"the new lead in the leads list",
				([] if found else ["the list does not show the new lead"]) + drain_logs(driver),
			)
		finally:
			driver.quit()
		return 1 if steps.failed else 0


def main(argv: list[str] | None = None) -> int:
	parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	parser.add_argument("url")
	parser.add_argument("screenshots")
	parser.add_argument("--record", type=Path, help="write every problem seen to this file, one a line")
	parser.add_argument(
		"--baseline", type=Path, help="problems CRM alone showed (a --record file): reported, not failed"
	)
	parser.add_argument(
		"--comment-method",
		default="frappe.desk.form.utils.add_comment",
		help="the method the installed CRM's comment box calls",
	)
	args = parser.parse_args(argv)
	out = Path(args.screenshots)
	out.mkdir(parents=True, exist_ok=True)
	baseline = set()
	if args.baseline and args.baseline.exists():
		baseline = set(args.baseline.read_text(encoding="utf-8").splitlines())
	return run(args.url.rstrip("/"), out, baseline, args.record, args.comment_method)


if __name__ == "__main__":
	sys.exit(main())
