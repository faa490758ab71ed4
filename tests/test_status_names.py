"""State names no other app shows, and the levels wire that keeps the old values."""

from __future__ import annotations

from tiep_xuc_doi_thoai.core import assignments as A
from tiep_xuc_doi_thoai.core import petitions as P

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
	assert not BARE_WORDS & set(P.STATUSES)
	assert not BARE_WORDS & set(A.STATUSES)


def test_the_wire_keeps_the_old_values_both_ways():
	assert P.status_to_wire(P.ANSWERED) == "Answered"
	assert P.status_from_wire("Answered") == P.ANSWERED
	assert P.status_from_wire(P.ANSWERED) == P.ANSWERED  # a sender already on the new names
	assert len({P.status_to_wire(s) for s in P.STATUSES}) == len(P.STATUSES)
	assert all(P.status_from_wire(P.status_to_wire(s)) == s for s in P.STATUSES)
