"""What a printed document says, read back from its PDF: for the tier-2 print tests."""

from __future__ import annotations

from typing import Any

from tiep_xuc_doi_thoai.utils.printing import pdf_text, print_format_pdf


def print_format_pdf_text(doctype: str, name: str, print_format: str | None = None, **kwargs: Any) -> str:
	return pdf_text(print_format_pdf(doctype, name, print_format, **kwargs))
