// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.ui.form.on("Dialogue Unit", {
	setup(frm) {
		frm.set_query("parent_dialogue_unit", () => ({
			filters: { is_group: 1, name: ["!=", frm.doc.name] },
		}));
	},
	abbreviation(frm) {
		frm.set_value("abbreviation", (frm.doc.abbreviation || "").trim().toUpperCase());
	},
});
