"""The refusals of what a citizen's text, ID number or phone may not be, said the same way on
the desk form, the identity record and the public form. The rules are core/petitions.py's."""

from __future__ import annotations

from collections.abc import Iterable

import frappe
from frappe import _
from frappe.model.document import Document

from tiep_xuc_doi_thoai.core.petitions import contains_markup, id_number_problem, phone_problem


def refuse_markup(text: str | None, label: str, exc: type[Exception] = frappe.ValidationError) -> None:
	if contains_markup(text):
		frappe.throw(
			_("{0} must be plain text: HTML and script are not accepted.").format(label),
			exc=exc,
			title=_("Invalid Text"),
		)


def refuse_markup_in(
	doc: Document, fieldnames: Iterable[str], exc: type[Exception] = frappe.ValidationError
) -> None:
	for fieldname in fieldnames:
		refuse_markup(doc.get(fieldname), frappe.bold(_(doc.meta.get_label(fieldname))), exc)


def check_id_number(value: str | None, exc: type[Exception] = frappe.ValidationError) -> None:
	if id_number_problem(value):
		frappe.throw(
			_("ID Number must be a 12-digit CCCD or a 9-digit CMND."), exc=exc, title=_("Invalid ID Number")
		)


def check_phone(value: str | None, exc: type[Exception] = frappe.ValidationError) -> None:
	if phone_problem(value):
		frappe.throw(_("Phone must have 9 to 12 digits."), exc=exc, title=_("Invalid Phone"))
