// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.ui.form.on("Petition Identity", {
	refresh(frm) {
		frm.set_intro(
			__("Confidential: only Dialogue Confidential Access may open this record."),
			"orange"
		);
	},
});
