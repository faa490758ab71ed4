// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.ui.form.on("Petition Category", {
	setup(frm) {
		frm.set_query("parent_petition_category", () => ({
			filters: { is_group: 1, name: ["!=", frm.doc.name] },
		}));
	},
});
