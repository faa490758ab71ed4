// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.ui.form.on("Petition Name Synonym", {
	kind(frm) {
		frm.set_value(frm.doc.kind === "Category" ? "unit" : "category", null);
	},
});
