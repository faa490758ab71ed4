"""``bench --site X check-secrets``: after a restore, whether this site's encryption key opens
the sealed identities and files (exit 1 with the reason when it does not)."""

from __future__ import annotations

import click
from frappe.commands import get_site, pass_context


@click.command("check-secrets")
@pass_context
def check_secrets(context) -> None:
	import frappe

	from tiep_xuc_doi_thoai.permissions import sealing

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		counts = sealing.sealed_counts()
		problem = sealing.key_problem()
		if problem:
			click.secho(problem, fg="red")
			raise SystemExit(1)
		click.secho(
			f"The encryption key opens this site's sealed data: {counts['identities']} identities, "
			f"{counts['files']} confidential files.",
			fg="green",
		)
	finally:
		frappe.destroy()


commands = [check_secrets]
