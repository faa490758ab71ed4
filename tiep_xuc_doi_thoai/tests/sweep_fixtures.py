"""Fixtures and the method list for the whitelist sweep (scripts/sweep.py).

The sweep calls every whitelisted method of Frappe and of the app over HTTP as users who may
not see a denouncer's identity or another unit's records, and fails on any secret token in a
response or any row written to those records. Two steps run here, on the demo site, through
``bench execute`` (as Administrator, never in a request):

    bench --site S execute tiep_xuc_doi_thoai.tests.sweep_fixtures.make --kwargs "{'out': '/tmp/f.json'}"
    bench --site S execute tiep_xuc_doi_thoai.tests.sweep_fixtures.list_methods --kwargs "{'out': '/tmp/m.json'}"

``make`` records, through the app's own controllers (so whatever protection they apply is
applied): a secret denunciation whose identity, attachment name, attachment content and a
comment carry unique random tokens; a petition of another unit, one with no unit and an
assignment of another unit whose subjects carry tokens; what Frappe copies of them (comments,
a communication, a ToDo, a tag, a like, versions); and it fills Frappe's global search index.
``list_methods`` imports every module of Frappe and of the app, so that ``frappe.whitelisted``
is complete, and writes every dotted name under which a whitelisted function can be called
(aliases included), every whitelisted controller method, and each one's parameters.

Whitelisted Frappe functions are imported here by their module, never by name: a function
imported by name would be callable under this module's name too (an alias the sweep reports).
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import secrets
import sys

import frappe
from frappe.desk.form import assign_to
from frappe.model import workflow
from frappe.utils import today

from tiep_xuc_doi_thoai.core import roles as role_names
from tiep_xuc_doi_thoai.setup.demo_users import DEMO_PASSWORD, USERS

APPS = ("frappe", "tiep_xuc_doi_thoai")
OTHER_UNIT = "Phòng Văn hóa - Xã hội xã Đường An"
COORDINATING_UNIT = "Công an xã Đường An"
PETITION = "Citizen Petition"
ASSIGNMENT = "Petition Assignment"
IDENTITY = "Petition Identity"
SUBSCRIPTION = "Petition Update Subscription"
UPDATE_MESSAGE = "Citizen Update Message"
# The demo users the sweep logs in as: roles that may read petitions but not identities, and
# a unit officer restricted to one unit. (A user restricted to another unit than the records'.)
SWEEP_ROLES = (role_names.SUPERVISOR, role_names.RECEPTION, role_names.MANAGER, role_names.SECRETARIAT)


def _token(prefix: str) -> str:
	return f"{prefix}{secrets.token_hex(6).upper()}"


def _digits(n: int, lead: str = "") -> str:
	return lead + "".join(secrets.choice("0123456789") for _ in range(n - len(lead)))


def _demo_user(role: str) -> tuple[str, str | None]:
	for email, _name, roles, unit in USERS:
		if role in roles and role_names.CONFIDENTIAL not in roles:
			return email, unit
	raise frappe.DoesNotExistError(f"no demo user with role {role}: run scripts/demo.sh first")


def _attach(doctype: str, name: str, file_name: str, content: str, private: int = 1):
	"""A file uploaded to a record, as Frappe's upload does (so the app's File hooks run)."""
	return frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"attached_to_doctype": doctype,
			"attached_to_name": name,
			"is_private": private,
			"content": content.encode(),
		}
	).insert(ignore_permissions=True)


def make(out: str) -> None:
	"""Create the sweep's records with fresh tokens and write what the sweep needs to ``out``."""
	frappe.set_user("Administrator")  # bench execute, not a request
	_remove_earlier()
	t = {
		"name": _token("SWNAME"),
		"id_number": _digits(12, "0"),
		"phone": _digits(10, "09"),
		"address": _token("SWADDR"),
		"village": _token("SWVILL"),
		"file_name": _token("SWFILE"),
		"file_content": _token("SWCONT"),
		"out_subject": _token("SWOUT"),
		"out_content": _token("SWOUTC"),
		"out_file": _token("SWOUTF"),
		"nounit_subject": _token("SWNOU"),
		"assignment_task": _token("SWASG"),
		"progress": _token("SWPRG"),
		"tag": _token("SWTAG"),
		# the citizen's contact for updates (Petition Update Subscription, Citizen Update
		# Message): kept encrypted, never shown in clear to anyone
		"notify_phone": _digits(10, "03"),
		"notify_email": f"swmail{secrets.token_hex(5)}",
		"out_notify_email": f"swomail{secrets.token_hex(5)}",
	}
	officer, officer_unit = _demo_user(role_names.UNIT_OFFICER)
	users = {role: _demo_user(role)[0] for role in SWEEP_ROLES}

	# The secret petition: a denunciation in the officer's own unit (the officer may read the
	# petition but not who denounced).
	secret = frappe.get_doc(
		{
			"doctype": PETITION,
			"petition_type": "Denunciation",
			"source": "Citizen Reception",
			"received_date": today(),
			"subject": "Sweep: denunciation with a secret identity",
			"content": "Sweep fixture: a denunciation about a land decision.",
			"responsible_unit": officer_unit,
			"petitioner_name": t["name"],
			"id_number": t["id_number"],
			"phone": t["phone"],
			"address": t["address"],
			"village": t["village"],
			"notify_consent": 1,
			"notify_phone": t["notify_phone"],
			"notify_email": f"{t['notify_email']}@example.invalid",
		}
	).insert(ignore_permissions=True)
	secret_file = _attach(PETITION, secret.name, f"{t['file_name']}.txt", f"letter {t['file_content']}")
	secret.reload()
	secret.attachment = secret_file.file_url
	secret.save(ignore_permissions=True)
	secret_comment = secret.add_comment("Comment", f"The denouncer is {t['name']}, phone {t['phone']}")

	# Another unit's petition, one with no unit, and another unit's assignment.
	other = frappe.get_doc(
		{
			"doctype": PETITION,
			"petition_type": "Recommendation",
			"source": "Citizen Reception",
			"received_date": today(),
			"subject": t["out_subject"],
			"content": f"Sweep fixture of another unit {t['out_content']}",
			"responsible_unit": OTHER_UNIT,
			"petitioner_name": "Sweep Citizen",
			"notify_consent": 1,
			"notify_email": f"{t['out_notify_email']}@example.invalid",
		}
	).insert(ignore_permissions=True)
	other_file = _attach(PETITION, other.name, f"{t['out_file']}.txt", f"other {t['out_content']}")
	other_comment = other.add_comment("Comment", f"About {t['out_subject']}")
	other.add_tag(t["tag"])
	frappe.get_doc("Citizen Petition", other.name).db_set(
		"_liked_by", json.dumps([users[role_names.SECRETARIAT]])
	)
	communication = frappe.get_doc(
		{
			"doctype": "Communication",
			"communication_type": "Communication",
			"communication_medium": "Other",
			"sent_or_received": "Received",
			"subject": t["out_subject"],
			"content": f"Letter about {t['out_content']}",
			"reference_doctype": PETITION,
			"reference_name": other.name,
		}
	).insert(ignore_permissions=True)
	assign_to.add(
		{
			"assign_to": [users[role_names.SECRETARIAT]],
			"doctype": PETITION,
			"name": other.name,
			"description": t["out_subject"],
		},
		ignore_permissions=True,
	)
	other.reload()
	other.category = other.category  # a second version of the record
	other.save(ignore_permissions=True)

	nounit = frappe.get_doc(
		{
			"doctype": PETITION,
			"petition_type": "Feedback",
			"source": "Mail",
			"received_date": today(),
			"subject": t["nounit_subject"],
			"content": f"Sweep fixture with no unit {t['nounit_subject']}",
			"petitioner_name": "Sweep Citizen",
		}
	).insert(ignore_permissions=True)

	other.reload()
	workflow.apply_workflow(other, "Classify")
	assignment = frappe.get_doc(
		{
			"doctype": ASSIGNMENT,
			"source_type": "Citizen Petitions",
			"petitions": [{"petition": other.name}],
			"task": t["assignment_task"],
			"lead_unit": OTHER_UNIT,
			"coordinating_units": [{"unit": COORDINATING_UNIT}],
			"assigned_on": today(),
			"due_date": frappe.utils.add_days(today(), 30),
		}
	).insert(ignore_permissions=True)
	assignment.append(
		"progress_updates", {"update_date": today(), "update_text": t["progress"], "percent": 10}
	)
	assignment.save(ignore_permissions=True)

	messages = _send_update_messages([secret.name, other.name])
	_fill_global_search()
	_build_web_route_index()
	frappe.db.commit()  # nosemgrep: a CI step run through bench execute, not a request

	identity = (
		frappe.db.get_value(IDENTITY, {"petition": secret.name}, "name")
		if frappe.db.exists("DocType", IDENTITY)
		else None
	)
	petitions = [secret.name, other.name, nounit.name]
	files = frappe.get_all(
		"File",
		filters={"attached_to_name": ("in", petitions)},
		fields=["name", "file_url", "file_name", "content_hash", "attached_to_name"],
	)
	children = {
		row.doctype: row.name
		for row in [*assignment.petitions, *assignment.progress_updates, *assignment.coordinating_units]
	}
	sweep_users = [
		{"user": email, "password": DEMO_PASSWORD, "role": role, "scoped": False}
		for role, email in users.items()
	] + [{"user": officer, "password": DEMO_PASSWORD, "role": role_names.UNIT_OFFICER, "scoped": True}]
	records = {
		"secret_petition": secret.name,
		"identity": identity,
		"secret_file": secret_file.name,
		"secret_file_url": secret_file.file_url,
		"secret_file_name": secret_file.file_name,
		"secret_comment": secret_comment.name,
		"other_petition": other.name,
		"other_file": other_file.name,
		"other_file_url": other_file.file_url,
		"other_comment": other_comment.name,
		"communication": communication.name,
		"todo": frappe.db.get_value("ToDo", {"reference_name": other.name}, "name"),
		"nounit_petition": nounit.name,
		"assignment": assignment.name,
		"children": children,
		"files": files,
		"subscription": frappe.db.get_value(SUBSCRIPTION, {"petition": secret.name}, "name"),
		"other_subscription": frappe.db.get_value(SUBSCRIPTION, {"petition": other.name}, "name"),
		"update_message": messages.get(secret.name),
		"other_update_message": messages.get(other.name),
	}
	data = {
		"tokens": {
			# never in any response to a user without Confidential Access
			"secret": [
				t[k]
				for k in (
					"name",
					"id_number",
					"phone",
					"address",
					"village",
					"file_name",
					"file_content",
					"notify_phone",
					"notify_email",
					"out_notify_email",
				)
			],
			# never in any response to the unit officer
			"scope": [
				t[k]
				for k in (
					"out_subject",
					"out_content",
					"out_file",
					"nounit_subject",
					"assignment_task",
					"progress",
				)
			]
			# the names too: a list of other units' petitions is no business of the officer
			+ [other.name, nounit.name, assignment.name],
		},
		"raw_tokens": t,
		"users": sweep_users,
		"records": records,
		"rights": _rights(sweep_users, records),
		"db": {
			"name": frappe.conf.db_name,
			"password": frappe.conf.db_password,
			"host": frappe.conf.db_host or "127.0.0.1",
			"port": int(frappe.conf.db_port or 3306),
		},
	}
	with open(out, "w") as f:
		json.dump(data, f, indent=1, default=str)
	print(
		f"sweep fixtures: secret {secret.name}, other unit {other.name}, no unit {nounit.name}, {assignment.name}"
	)


def _send_update_messages(petitions: list[str]) -> dict[str, str]:
	"""The petitions' queued messages to the citizen, sent (so the mail queue holds the clear
	recipient, as on a live site); the name of one message per petition."""
	from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.citizen_update_message import (
		citizen_update_message as M,
	)

	found = {}
	for name, petition in frappe.get_all(
		UPDATE_MESSAGE, filters={"petition": ("in", petitions)}, fields=["name", "petition"], as_list=True
	):
		M.send(name)
		found.setdefault(petition, name)
	return found


def _build_web_route_index() -> None:
	"""Frappe's web-route search index (``frappe.search.web_search``) is built on its first
	call; two first calls at once race and one answers 500. Built here, as a live site has it."""
	from frappe.search.website_search import build_index_for_all_routes

	build_index_for_all_routes()


def _remove_earlier() -> None:
	"""An earlier sweep's records on this site: their tokens are no longer looked for. A record
	the earlier sweep linked elsewhere (what its users made) stays: it is harmless."""
	earlier = [
		(ASSIGNMENT, n)
		for n in frappe.get_all(ASSIGNMENT, filters={"task": ("like", "%SWASG%")}, pluck="name")
	] + [
		(PETITION, n)
		for n in frappe.get_all(PETITION, filters={"content": ("like", "Sweep fixture%")}, pluck="name")
	]
	for doctype, name in earlier:
		frappe.db.savepoint("sweep_remove")
		try:
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		except frappe.ValidationError:
			frappe.db.rollback(save_point="sweep_remove")


def _rights(users: list[dict], records: dict) -> dict:
	"""What each sweep user may legitimately read and write among the fixture records: a write
	there is no finding (a comment or a like needs read, a change of the record needs write)."""
	targets = [
		(PETITION, records["secret_petition"]),
		(PETITION, records["other_petition"]),
		(PETITION, records["nounit_petition"]),
		(ASSIGNMENT, records["assignment"]),
		(IDENTITY, records["identity"]),
	]
	result = {}
	for u in users:
		result[u["user"]] = {
			ptype: [
				name
				for doctype, name in targets
				if name and frappe.has_permission(doctype, ptype, doc=name, user=u["user"])
			]
			for ptype in ("read", "write")
		}
	return result


def _fill_global_search() -> None:
	"""Frappe's global search index, with the petitions' subjects in it: In Global Search is a
	tick an administrator may set in Customize Form, so the sweep assumes it is set."""
	from frappe.custom.doctype.property_setter.property_setter import make_property_setter
	from frappe.utils.global_search import get_doctypes_with_global_search, rebuild_for_doctype

	for fieldname in ("subject", "content"):
		make_property_setter(
			PETITION, fieldname, "in_global_search", 1, "Check", validate_fields_for_doctype=False
		)
	frappe.clear_cache(doctype=PETITION)
	for doctype in {*get_doctypes_with_global_search(with_child_tables=False), PETITION, ASSIGNMENT}:
		try:
			rebuild_for_doctype(doctype)
		except Exception as e:  # a doctype Frappe cannot index (a virtual one) is left out
			print(f"global search: {doctype} not indexed: {e}", file=sys.stderr)


# -- the method list ----------------------------------------------------------------------------


def _import_everything() -> list[str]:
	errors = []
	for app in APPS:
		pkg = importlib.import_module(app)
		for info in pkgutil.walk_packages(pkg.__path__, f"{app}.", onerror=lambda n: errors.append(n)):
			if ".patches." in info.name or info.name.endswith(".hooks"):
				continue
			try:
				importlib.import_module(info.name)
			except BaseException as e:
				errors.append(f"{info.name}: {type(e).__name__}: {e}")
	return errors


def _app_modules() -> list[str]:
	return frappe.get_all("Module Def", filters={"app_name": "tiep_xuc_doi_thoai"}, pluck="name")


def _params(fn) -> list[dict]:
	try:
		sig = inspect.signature(fn)
	except (TypeError, ValueError):
		return []
	params = []
	for p in sig.parameters.values():
		if p.name == "self" or p.kind in (p.VAR_POSITIONAL,):
			continue
		default = None if p.default is p.empty else p.default
		params.append(
			{
				"name": p.name,
				"required": p.default is p.empty and p.kind is not p.VAR_KEYWORD,
				"kwargs": p.kind is p.VAR_KEYWORD,
				"annotation": "" if p.annotation is p.empty else str(p.annotation),
				# what the default is, as the sweep can send it back (a value of a plain type)
				"default": default if isinstance(default, str | int | float | bool) else None,
			}
		)
	return params


def list_methods(out: str) -> None:
	"""Every dotted name of a whitelisted function, every whitelisted controller method."""
	errors = _import_everything()
	whitelisted = set(frappe.whitelisted)
	guest = set(frappe.guest_methods)
	http = frappe.allowed_http_methods_for_whitelisted_func
	doctype_by_module = {}
	for (name,) in frappe.get_all("DocType", fields=["name"], as_list=True):
		doctype_by_module[frappe.scrub(name)] = name

	functions, controller, seen = {}, {}, set()
	for modname, module in list(sys.modules.items()):
		if not modname or modname.split(".")[0] not in APPS or module is None:
			continue
		for attr, value in list(vars(module).items()):
			if inspect.isfunction(value) and value in whitelisted:
				dotted = f"{modname}.{attr}"
				seen.add(value)
				functions[dotted] = {
					"defined_as": f"{value.__module__}.{value.__qualname__}",
					"params": _params(value),
					"http": list(http.get(value) or []),
					"guest": value in guest,
				}
			elif inspect.isclass(value) and value.__module__ == modname:
				parts = modname.split(".")
				doctype = doctype_by_module.get(parts[-1]) if "doctype" in parts else None
				for mattr, mvalue in vars(value).items():
					fn = getattr(mvalue, "__func__", mvalue)
					if inspect.isfunction(fn) and fn in whitelisted:
						seen.add(fn)
						key = f"{modname}.{value.__name__}.{mattr}"
						controller[key] = {
							"doctype": doctype,
							"method": mattr,
							"params": _params(fn),
							"http": list(http.get(fn) or []),
							"guest": fn in guest,
						}
	unaccounted = sorted(
		f"{fn.__module__}.{fn.__qualname__}"
		for fn in whitelisted - seen
		if fn.__module__.split(".")[0] in APPS
	)
	samples = {}
	for info in controller.values():
		dt = info["doctype"]
		if dt and dt not in samples:
			try:
				samples[dt] = frappe.db.get_value(dt, {}, "name") if not frappe.get_meta(dt).issingle else dt
			except Exception:
				samples[dt] = None
	# a record for a required parameter named after a doctype (``conference``, ``email_account``,
	# ``data_import``...): so the method runs on a real record, not on a name that fails
	wanted = {
		p["name"]
		for info in [*functions.values(), *controller.values()]
		for p in info["params"]
		if p["required"]
	}
	by_param = {}
	for (name,) in frappe.get_all(
		"DocType", filters={"istable": 0, "issingle": 0, "is_virtual": 0}, fields=["name"], as_list=True
	):
		scrubbed = frappe.scrub(name)
		for param in wanted:
			if param not in by_param and (scrubbed == param or scrubbed.endswith(f"_{param}")):
				try:
					# the oldest: the site's own data, never the sweep's fixture records
					by_param[param] = frappe.db.get_value(name, {}, "name", order_by="creation asc")
				except Exception:
					frappe.clear_last_message()
	# the app's reports, and Frappe's report views of the app's doctypes, for report_name arguments
	reports = frappe.get_all(
		"Report",
		filters={"module": ("in", _app_modules()), "is_standard": "Yes"},
		pluck="name",
		order_by="name",
	)
	data = {
		"reports": reports,
		"whitelisted_total": len(whitelisted),
		"import_errors": errors,
		"functions": functions,
		"controller": controller,
		"unaccounted": unaccounted,
		"overrides": frappe.get_hooks("override_whitelisted_methods") or {},
		"samples": samples,
		"by_param": {k: v for k, v in by_param.items() if v},
	}
	with open(out, "w") as f:
		json.dump(data, f, indent=1, default=str)
	print(
		f"{len(whitelisted)} whitelisted functions; {len(functions)} dotted names; "
		f"{len(controller)} controller methods; {len(unaccounted)} unaccounted; {len(errors)} import errors"
	)
