"""Select values as the app's documents print them.

Prints (Nghị định 30) and Excel registers are Vietnamese documents whoever prints them, so a
value such as ``Mail`` is looked up in translations/vi.csv - the one source of the app's
Vietnamese - with its doctype as the context, exactly as the form shows it. No map of option
labels is kept anywhere else.
"""

from __future__ import annotations

from frappe import _

DOCUMENT_LANGUAGE = "vi"


def document_label(value: str | None, doctype: str | None = None) -> str:
	if not value:
		return ""
	return _(value, lang=DOCUMENT_LANGUAGE, context=doctype)
