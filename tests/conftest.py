"""Tier 1: the frappe-free core and static checks. Runs with plain pytest, no site."""

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


@pytest.fixture(scope="session")
def calendar():
	from tiep_xuc_doi_thoai.core.calendar import WorkingCalendar

	return WorkingCalendar()
