"""Sites installed before the links between levels get the Dialogue Integration role and the
periodic report's workflow, if missing (the same functions as after_install)."""

from tiep_xuc_doi_thoai.setup.defaults import ensure_defaults


def execute():
	ensure_defaults()
