"""Fixed status fields set by the default workflows, and the new permission levels kept for
sites whose administrator already edited Role Permissions (see setup/status_fields.py)."""

from tiep_xuc_doi_thoai.setup.status_fields import ensure_status_and_levels


def execute():
	ensure_status_and_levels()
