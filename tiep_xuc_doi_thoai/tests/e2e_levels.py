"""Steps of the two-site end-to-end check (scripts/e2e_levels.sh), each run on one site with
``bench --site <site> execute tiep_xuc_doi_thoai.tests.e2e_levels.<step> --kwargs "{...}"``.

Nothing here is used by the app itself; each step prints what the script checks.
"""

from __future__ import annotations

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import now_datetime

from tiep_xuc_doi_thoai.core import levels
from tiep_xuc_doi_thoai.core.roles import INTEGRATION
from tiep_xuc_doi_thoai.setup import workflow_petition

LINK = "Dialogue Site Link"
TRANSFER = "Dialogue Transfer"
PETITION = "Citizen Petition"


def prepare(unit: str, level: str, integration_user: str) -> dict:
	"""This site's unit, and the user the other site will call it with (its API key)."""
	if not frappe.db.exists("Dialogue Unit", unit):
		frappe.get_doc(
			{
				"doctype": "Dialogue Unit",
				"unit_name": unit,
				"abbreviation": "UBND",
				"level": level,
				"kind": "People's Committee",
			}
		).insert(ignore_permissions=True)
	frappe.db.set_single_value("Dialogue Settings", "default_unit", unit)
	if not frappe.db.exists("User", integration_user):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": integration_user,
				"first_name": "Integration",
				"send_welcome_email": 0,
				"roles": [{"role": INTEGRATION}],
			}
		).insert(ignore_permissions=True)
	user = frappe.get_doc("User", integration_user)
	user.api_key = user.api_key or frappe.generate_hash(length=15)
	secret = frappe.generate_hash(length=15)
	user.api_secret = secret
	user.save(ignore_permissions=True)
	return {"api_key": user.api_key, "api_secret": secret}


def link(
	name: str,
	direction: str,
	site_url: str,
	local_unit: str,
	remote_unit: str,
	api_key: str,
	api_secret: str,
	inbound_user: str,
) -> str:
	doc = frappe.get_doc(LINK, name) if frappe.db.exists(LINK, name) else frappe.new_doc(LINK)
	doc.update(
		{
			"link_name": name,
			"direction": direction,
			"site_url": site_url,
			"local_unit": local_unit,
			"remote_unit": remote_unit,
			"api_key": api_key,
			"api_secret": api_secret,
			"inbound_user": inbound_user,
			"enabled": 1,
		}
	)
	doc.save(ignore_permissions=True)
	return doc.name


def test_connection(name: str) -> dict:
	from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_site_link.dialogue_site_link import (
		test_connection as check,
	)

	return check(name)


def forward_petition(link_name: str, content: str, category: str = "Đất đai") -> dict:
	doc = frappe.get_doc(
		{
			"doctype": PETITION,
			"content": content,
			"petition_type": "Recommendation",
			"category": category,
			"source": "Citizen Reception",
			"received_date": frappe.utils.today(),
			"forward_link": link_name,
		}
	).insert()
	doc = frappe.get_doc(apply_workflow(doc.as_dict(), workflow_petition.CLASSIFY))
	apply_workflow(doc.as_dict(), workflow_petition.FORWARD)
	return {"petition": doc.name, "tracking_code": doc.tracking_code}


def tick() -> dict:
	"""One scheduler run of the outbox, with every waiting transfer made due first (the
	script does not wait out the backoff)."""
	transfer = frappe.qb.DocType(TRANSFER)
	frappe.qb.update(transfer).set(transfer.next_attempt_on, now_datetime()).where(
		transfer.status.isin(levels.DUE_STATUSES)
	).run()
	frappe.db.commit()  # nosemgrep: a console step of the e2e script
	from tiep_xuc_doi_thoai.integrations.outbox import send_due

	return {"sent": send_due()}


def transfers(reference: str | None = None) -> list[dict]:
	filters = {"reference_name": reference} if reference else {}
	return frappe.get_all(
		TRANSFER,
		filters=filters,
		fields=["name", "kind", "status", "attempts", "last_error", "remote_reference", "duplicate_receipt"],
		order_by="creation asc",
	)


def received(origin_reference: str) -> dict:
	"""The petitions this site received for the sender's ``origin_reference`` (a dict, since
	``bench execute`` prints nothing for an empty list)."""
	return {"names": _received(origin_reference)}


def _received(origin_reference: str) -> list[str]:
	return frappe.get_all(PETITION, filters={"origin_reference": origin_reference}, pluck="name")


def answer(origin_reference: str, text: str) -> str:
	"""The upper level answers the petition it received (published to the citizen)."""
	name = _received(origin_reference)[0]
	doc = frappe.get_doc(PETITION, name)
	doc = frappe.get_doc(apply_workflow(doc.as_dict(), workflow_petition.CLASSIFY))
	doc.answer = text
	doc.publish_answer = 1
	doc.save()
	apply_workflow(doc.as_dict(), workflow_petition.ANSWER_ON_THE_SPOT)
	return name


def petition_state(name: str) -> dict:
	return frappe.db.get_value(
		PETITION,
		name,
		["upper_reference", "upper_tracking_code", "upper_state", "upper_answer", "upper_answer_published"],
		as_dict=True,
	)


def add_category(name: str) -> str:
	if not frappe.db.exists("Petition Category", name):
		frappe.get_doc(
			{
				"doctype": "Petition Category",
				"category_name": name,
				"code": frappe.generate_hash(length=6).upper(),
				"parent_petition_category": "Tất cả lĩnh vực",
			}
		).insert(ignore_permissions=True)
	return name


def retry(reference: str) -> list[str]:
	"""The *Retry* button on the transfers of ``reference``."""
	from tiep_xuc_doi_thoai.integrations.outbox import retry as retry_transfer

	names = frappe.get_all(
		TRANSFER, filters={"reference_name": reference, "status": ("!=", levels.SENT)}, pluck="name"
	)
	for name in names:
		retry_transfer(name)
	return names
