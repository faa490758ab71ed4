"""Sites installed before the app declared its indexes get them (the same list new sites use)."""

from tiep_xuc_doi_thoai.setup.indexes import add_indexes


def execute():
	add_indexes()
