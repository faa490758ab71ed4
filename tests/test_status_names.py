"""State names no other app shows, and the levels wire that keeps the old values."""

from __future__ import annotations

from tiep_xuc_doi_thoai.core import assignments as assignment_rules
from tiep_xuc_doi_thoai.core import petitions as petition_rules

# Words Frappe's own translation file (or another app's) gives a translation of its own:
# a state with one of these names would read as that app's word on Frappe's widgets.
BARE_WORDS = {
	"Received",
	"Assigned",
	"Closed",
	"In Progress",
	"Accepted",
	"Returned",
	"Answered",
	"Forwarded",
}


def test_states_are_phrases_no_other_app_shows():
	assert not BARE_WORDS & set(petition_rules.STATUSES)
	assert not BARE_WORDS & set(assignment_rules.STATUSES)


def test_the_wire_keeps_the_old_values_both_ways():
	assert petition_rules.status_to_wire(petition_rules.ANSWERED) == "Answered"
	assert petition_rules.status_from_wire("Answered") == petition_rules.ANSWERED
	assert (
		petition_rules.status_from_wire(petition_rules.ANSWERED) == petition_rules.ANSWERED
	)  # a sender already on the new names
	assert len({petition_rules.status_to_wire(s) for s in petition_rules.STATUSES}) == len(
		petition_rules.STATUSES
	)
	assert all(
		petition_rules.status_from_wire(petition_rules.status_to_wire(s)) == s
		for s in petition_rules.STATUSES
	)
