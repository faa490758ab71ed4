"""Each follow-up rule is defined once in core/ and every caller gets the same answer
(issue 9 point 6): the due-soon window, "on time", held and settled states."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tiep_xuc_doi_thoai.core import assignments as assignment_rules
from tiep_xuc_doi_thoai.core import conference as conference_rules
from tiep_xuc_doi_thoai.core import document_parts as parts
from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.core.excel import LATE, ON_TIME, timeliness
from tiep_xuc_doi_thoai.core.followup import DeadlineState, duty_status, is_due_soon, is_on_time

D = dt.date
APP = Path(__file__).resolve().parents[1] / "tiep_xuc_doi_thoai"
# Monday 2026-03-09; Friday 2026-03-20 is 9 working days later.
MONDAY, DUE = D(2026, 3, 9), D(2026, 3, 20)


@pytest.mark.parametrize(
	("due", "done", "expected"),
	[(DUE, D(2026, 3, 20), True), (DUE, D(2026, 3, 23), False), (DUE, None, None), (None, DUE, None)],
)
def test_on_time_is_one_rule(due, done, expected):
	assert is_on_time(due, done) is expected
	shown = timeliness(due, done)
	assert shown == (None if expected is None else (ON_TIME if expected else LATE))
	if expected:
		assert duty_status(due, done, done, None, 3).state == DeadlineState.DONE_ON_TIME


def test_done_late_counts_working_days(calendar):
	status = duty_status(DUE, D(2026, 3, 24), D(2026, 3, 24), calendar, 3)
	assert status.state == DeadlineState.DONE_LATE and status.late_by == 2


@pytest.mark.parametrize("window", [0, 3, 9, 10])
def test_the_due_soon_window_is_the_callers_setting(calendar, window):
	"""The stored state, the reminder and the plain test agree for any window."""
	left = calendar.working_days_between(MONDAY, DUE)
	soon = left <= window
	assert is_due_soon(MONDAY, DUE, window, calendar) is soon
	state = duty_status(DUE, None, MONDAY, calendar, window).state
	assert (state == DeadlineState.DUE_SOON) is soon
	assert (
		assignment_rules.reminder_for(MONDAY, DUE, window, calendar) == assignment_rules.ReminderKind.DUE_SOON
	) is soon


def test_overdue_is_never_due_soon(calendar):
	assert not is_due_soon(D(2026, 3, 23), DUE, 30, calendar)
	assert duty_status(DUE, None, D(2026, 3, 23), calendar, 30).state == DeadlineState.OVERDUE
	assert (
		assignment_rules.reminder_for(D(2026, 3, 23), DUE, 30, calendar)
		== assignment_rules.ReminderKind.OVERDUE
	)


def test_duty_status_has_no_hidden_window():
	with pytest.raises(TypeError):
		duty_status(DUE, None, MONDAY, None)  # the window must come from the settings


def test_conference_next_duty_uses_the_window(calendar):
	values = {"notice_due": DUE}
	narrow = conference_rules.next_duty(values, "Planned", MONDAY, calendar, 3)
	wide = conference_rules.next_duty(values, "Planned", MONDAY, calendar, 10)
	assert narrow.status.state == DeadlineState.ON_TRACK
	assert wide.status.state == DeadlineState.DUE_SOON


def test_conference_overall_state_uses_held_states():
	late = {"review_due": DUE, "internal_review_date": D(2026, 3, 23)}
	for status in conference_rules.HELD_STATES:
		assert conference_rules.overall_state(late, None, status) == DeadlineState.DONE_LATE.value
	assert conference_rules.overall_state(late, None, "Cancelled") == ""


def test_results_count_settled_petitions_with_the_same_states():
	for state in petition_rules.SETTLED_STATES:
		outcome = parts.petition_outcome({"status": state}, "g", today=MONDAY)
		assert outcome.resolved and outcome.on_time
	late = parts.petition_outcome({"answered_on": D(2026, 3, 23), "due_date": DUE}, "g", today=MONDAY)
	assert late.resolved and late.on_time is False
	open_ = parts.petition_outcome(
		{"status": petition_rules.ASSIGNED, "due_date": DUE}, "g", today=D(2026, 3, 23)
	)
	assert not open_.resolved and open_.overdue


def _core_sources() -> str:
	return "\n".join(p.read_text(encoding="utf-8") for p in (APP / "core").glob("*.py"))


def test_each_rule_is_written_once_in_core():
	core = _core_sources()
	assert "DUE_SOON_WORKING_DAYS" not in core, "the due-soon window is a setting, not a constant"
	assert len(re.findall(r'"Answered", "Answered on the Spot", "Closed"', core)) == 0
	assert core.count("def is_on_time(") == 1


def test_due_date_from_a_rule_has_one_path():
	"""Controllers and endpoints ask services/working_calendar.due_date_from_rule; none recomputes it."""
	offenders = []
	for path in APP.rglob("*.py"):
		if "core" in path.parts or path.name.startswith("test_"):
			continue
		text = path.read_text(encoding="utf-8")
		if re.search(r"rule\.due_date\(", text) and path.name != "working_calendar.py":
			offenders.append(str(path.relative_to(APP)))
	assert not offenders, offenders


def _app_files(*suffixes: str):
	"""The app's own code (tests, data and the frappe-generated type blocks aside)."""
	for path in sorted(APP.rglob("*")):
		if path.suffix not in suffixes or path.name.startswith("test_") or "tests" in path.parts:
			continue
		yield path, path.read_text(encoding="utf-8")


def _offenders(pattern: str, *suffixes: str, allowed: tuple[str, ...] = ()) -> list[str]:
	rx = re.compile(pattern, re.M)
	found = []
	for path, text in _app_files(*suffixes):
		rel = str(path.relative_to(APP))
		if rel in allowed:
			continue
		text = re.sub(r"# begin: auto-generated types.*?# end: auto-generated types", "", text, flags=re.S)
		found += [f"{rel}:{text[: m.start()].count(chr(10)) + 1}" for m in rx.finditer(text)]
	return found


# A quoted status that is not a translated label (``_("Held")``) nor in a comment.
CONFERENCE_STATUS = r'^[^#\n]*?(?<!_\()"(?:Planned|Announced|Held|Concluded)"'


def test_conference_statuses_are_named_in_core_only():
	"""Code reads a conference status through core.conference's constants (PLANNED, HELD_STATES...)."""
	assert set(conference_rules.STATUSES) == {
		conference_rules.PLANNED,
		conference_rules.ANNOUNCED,
		conference_rules.HELD,
		conference_rules.CONCLUDED,
		conference_rules.CLOSED,
		conference_rules.CANCELLED,
	}
	assert _offenders(CONFERENCE_STATUS, ".py", allowed=("core/conference.py",)) == []
	# "Closed" and "Cancelled" are also other doctypes' words (a list view greys a cancelled one).
	assert _offenders(CONFERENCE_STATUS, ".js") == []


def test_yearly_duty_defaults_are_one_table():
	"""core.yearly.YEARLY_DUTY_DEFAULTS is what the settings ship, what install fills in and
	what an empty setting reads as; no caller writes its own fallback."""
	import json

	from tiep_xuc_doi_thoai.core.yearly import YEARLY_DUTY_DEFAULTS, YearlyDuties

	meta = json.loads(
		(APP / "tiep_xuc_doi_thoai/doctype/dialogue_settings/dialogue_settings.json").read_text(
			encoding="utf-8"
		)
	)
	shipped = {
		f["fieldname"]: int(f["default"]) for f in meta["fields"] if f["fieldname"] in YEARLY_DUTY_DEFAULTS
	}
	assert shipped == YEARLY_DUTY_DEFAULTS
	empty = YearlyDuties.from_settings({})
	assert (empty.required, empty.issue_by, empty.finish_by) == (1, (1, 2), (15, 11))
	assert _offenders(r"or (?:15|11)\b", ".py") == [], "a yearly default written beside the settings"
	assert _offenders(r"(?:finish_by|plan_issue_by)_(?:day|month)\)?\s*or\b", ".py") == []


def test_on_time_and_its_rate_are_written_once():
	"""core.followup.is_on_time / counts_as_on_time / on_time_rate are the only definitions;
	reports, prints, open data and the annex call them."""
	from tiep_xuc_doi_thoai.core.followup import counts_as_on_time, on_time_percent, on_time_rate

	assert on_time_rate(1, 1, 1) == pytest.approx(1 / 3)
	assert on_time_percent(2, 1, 0) == 66.7 and on_time_rate(0, 0, 0) is None
	assert counts_as_on_time(None, None) is True and counts_as_on_time(DUE, D(2026, 3, 23)) is False
	followup = ("core/followup.py",)
	# a done date compared with a due date, or a share of on-time ones, outside core/followup
	assert _offenders(r"\b\w*(?:answered|done|published)\w*\s*<=\s*\w*due\b", ".py", allowed=followup) == []
	assert _offenders(r"on_time\w*\"?\]?\s*/\s*\w+", ".py", allowed=followup) == []
	assert _offenders(r"rate\s*\*\s*100|100\s*\*\s*\w*(?:share|rate)\b", ".py", allowed=followup) == []
	assert _offenders(r"is_on_time\([^)]*\)\s*is not False", ".py", allowed=followup) == []
	assert _offenders(r"on_time\w*\s*/\s*\w+", ".js") == []


def test_markup_id_and_phone_refusals_are_written_once():
	"""services/petition_checks.py says them for the form, the identity record and the public form."""
	for message in (
		"must be plain text: HTML and script",
		"ID Number must be a 12-digit",
		'"Phone must have 9',
	):
		found = _offenders(re.escape(message), ".py")
		assert len(found) == 1 and found[0].startswith("services/petition_checks.py"), found
	assert (
		_offenders(
			r"\b(?:contains_markup|phone_problem|id_number_problem)\(",
			".py",
			allowed=(
				"services/petition_checks.py",
				"core/petitions.py",
				"core/petition_import.py",
				"core/citizen_updates.py",
			),
		)
		== []
	)


def _select_options() -> list[set[str]]:
	import json

	out = []
	for path in APP.rglob("doctype/*/*.json"):
		meta = json.loads(path.read_text(encoding="utf-8"))
		if not isinstance(meta, dict) or meta.get("doctype") != "DocType":
			continue
		for df in meta.get("fields", []):
			if df.get("fieldtype") == "Select":
				options = {o for o in (df.get("options") or "").split("\n") if o.strip()}
				if len(options) >= 3:
					out.append(options)
	return out


def test_select_options_are_not_copied_into_js():
	"""A Select's options reach the JS from the doctype meta
	(``frappe.meta.get_docfield(doctype, fieldname).options``), never as a copied list."""
	fields = _select_options()
	assert fields, "no Select field found: the scan reads the wrong folder"
	offenders = []
	for path, text in _app_files(".js"):
		for match in re.finditer(r"\[([^\[\]]*)\]", text):
			items = set(re.findall(r'"([^"\n]+)"', match.group(1)))
			if len(items) >= 3 and any(items <= options for options in fields):
				offenders.append(f"{path.relative_to(APP)}:{text[: match.start()].count(chr(10)) + 1}")
	assert offenders == []


def test_frappe_helpers_where_they_exist():
	"""Notifications, role lookups and message clearing go through Frappe's own helpers."""
	assert _offenders(r'"doctype":\s*"Notification Log"', ".py") == [], "use enqueue_create_notification"
	assert _offenders(r'DocType\("Has Role"\)', ".py") == [], "use frappe.utils.user.get_users_with_role"
	assert _offenders(r"message_log\s*=\s*\[\]", ".py") == [], "use frappe.clear_messages()"
	# a process-wide dict filled at run time: frappe.utils.caching.site_cache / request_cache
	assert _offenders(r"^_[A-Z_]+(?::[^=\n]+)? = \{\}$", ".py", allowed=()) == []
	assert _offenders(r"addEventListener\(\s*[\"']keydown", ".js") == [], "use frappe.ui.keys.add_shortcut"


def _hook(name: str):
	import ast

	tree = ast.parse((APP / "hooks.py").read_text(encoding="utf-8"))
	for node in tree.body:
		if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
			return ast.literal_eval(node.value)
	return None


def test_doc_events_only_for_frappes_doctypes():
	"""The app's own doctypes call their steps from their controllers (a merge that drops a
	doc_events line silently drops the step; a controller method does not)."""
	import json

	own = {
		json.loads(p.read_text(encoding="utf-8")).get("name")
		for p in APP.rglob("doctype/*/*.json")
		if p.parent.name == p.stem
	}
	assert "Citizen Petition" in own
	assert set(_hook("doc_events") or {}) & own == set()


def test_jinja_globals_carry_one_prefix():
	methods = (_hook("jinja") or {}).get("methods", [])
	assert len(methods) >= 10
	assert [m for m in methods if not m.rsplit(".", 1)[1].startswith("txdt_")] == []


def test_a_patch_is_rerun_by_a_new_entry():
	"""A patch that must run again is a new module in patches.txt, not an old line with a new
	comment (which re-runs on every site that ran the old text, and hides what ran when). The
	two historic re-runs of ensure_defaults stay as they are: editing them would re-run them."""
	lines = [
		line.split("#")[0].strip()
		for line in (APP / "patches.txt").read_text(encoding="utf-8").splitlines()
		if line.strip() and not line.startswith(("#", "["))
	]
	repeated = sorted({m for m in lines if lines.count(m) > 1})
	assert repeated == ["tiep_xuc_doi_thoai.patches.v0_1.ensure_defaults"]
	assert lines.count("tiep_xuc_doi_thoai.patches.v0_1.ensure_defaults") == 2


def test_modules_are_imported_under_readable_names():
	"""``from ...core import petitions as P`` made P, R (two modules), A, PR... a reader had to
	look up; a module is imported under its name or a readable one."""
	found = []
	for root in (APP, APP.parent / "tests", APP.parent / "benchmarks", APP.parent / "scripts"):
		for path in sorted(root.rglob("*.py")):
			text = path.read_text(encoding="utf-8")
			found += [
				f"{path.relative_to(APP.parent)}: {m.group(0)}"
				for m in re.finditer(r"^\s*(?:from \S+ )?import \S+ as [A-Z]{1,2}$", text, re.M)
			]
	assert found == []


def test_the_permission_level_refusal_is_written_once():
	"""utils/workflow.throw_permlevel_refused says it; callers name the right they lacked."""
	found = _offenders(r"grants it in Role Permissions Manager", ".py")
	assert len(found) == 1 and found[0].startswith("utils/workflow.py"), found
	assert (
		_offenders(
			r"get_permlevel_access\(\s*\"write\"|has_permlevel_access_to\(",
			".py",
			allowed=("utils/workflow.py",),
		)
		== []
	)
