"""What the public results pages show (publishing is the conference's ``publish_results``).

The public pages show the chair's conclusions and the answers the agency ticked *Publish Answer* for;
a citizen's name only when *Name May Be Published* is ticked, a denunciation never.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, today

from tiep_xuc_doi_thoai.core import conference_day
from tiep_xuc_doi_thoai.core.conference import PLANNED
from tiep_xuc_doi_thoai.permissions import identity
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_conference.dialogue_conference import public_route


# -- what a guest may read ------------------------------------------------------------------------
def published_conferences(limit: int = 100) -> list[dict]:
	rows = frappe.get_all(
		"Dialogue Conference",
		filters={"results_published": 1, "status": ("in", conference_day.PUBLISHABLE_STATUSES)},
		fields=["name", "topic", "conference_date", "place", "results_published_on"],
		order_by="conference_date desc",
		limit_page_length=limit,
	)
	for r in rows:
		r.route = public_route(r.name)
	return rows


def published_results(name: str) -> dict | None:
	"""The public part of a published conference, or None (unknown, or not published)."""
	found = frappe.get_all(
		"Dialogue Conference",
		filters={"name": name, "results_published": 1, "status": ("in", conference_day.PUBLISHABLE_STATUSES)},
		fields=[
			"name",
			"topic",
			"conference_date",
			"place",
			"issuing_unit",
			"chair",
			"results_published_on",
			"results_published_due",
		],
		limit_page_length=1,
	)
	if not found:
		return None
	conf = found[0]
	petitions = {
		p.name: p
		for p in frappe.get_all(
			"Citizen Petition",
			filters={"conference": conf.name},
			fields=[
				"name",
				"petition_type",
				"identity_confidential",
				"subject",
				"petitioner_name",
				"public_consent",
				"publish_answer",
				"answer",
				"answered_on",
			],
			limit_page_length=0,
		)
	}
	conclusions = []
	for c in frappe.get_all(
		"Dialogue Conclusion",
		filters={"parent": conf.name, "parenttype": "Dialogue Conference"},
		fields=["conclusion", "conclusion_kind", "responsible_unit", "due_date", "progress", "petition"],
		order_by="idx asc",
	):
		petition = petitions.get(c.petition) if c.petition else None
		if petition and not conference_day.may_appear_publicly(identity.is_secret(petition)):
			continue
		if c.conclusion_kind == conference_day.KIND_ANSWERED:
			continue  # an answer appears below only if the agency chose to publish it
		conclusions.append(
			{
				"text": c.conclusion,
				"kind": _(c.conclusion_kind) if c.conclusion_kind else "",
				"unit": c.responsible_unit,
				"due_date": c.due_date,
				"progress": _(c.progress) if c.progress else "",
			}
		)
	answers = [
		{
			"subject": p.subject,
			"answer": p.answer,
			"answered_on": p.answered_on,
			"petitioner": conference_day.public_name(
				p.petitioner_name, bool(p.public_consent), identity.is_secret(p)
			),
		}
		for p in sorted(petitions.values(), key=lambda x: x.name)
		if p.publish_answer and p.answer and conference_day.may_appear_publicly(identity.is_secret(p))
	]
	published_on = getdate(conf.results_published_on) if conf.results_published_on else None
	timing = (
		conference_day.publication_timing(
			published_on, getdate(conf.results_published_due) if conf.results_published_due else None
		)
		if published_on
		else None
	)
	return {
		"name": conf.name,
		"topic": conf.topic,
		"conference_date": conf.conference_date,
		"place": conf.place,
		"issuing_unit": conf.issuing_unit,
		"chair": conf.chair,
		"published_on": published_on,
		"due": timing.due if timing else None,
		"on_time": timing.on_time if timing else None,
		"days_late": timing.days_late if timing else 0,
		"conclusions": conclusions,
		"answers": answers,
	}
