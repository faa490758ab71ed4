"""Public files of petitions, assignments, identities and replies become private (issue 16):
``/files/`` is served with no check, and Frappe's File list shows every public file."""

from tiep_xuc_doi_thoai.permissions.confidential import make_scoped_files_private


def execute() -> None:
	make_scoped_files_private()
