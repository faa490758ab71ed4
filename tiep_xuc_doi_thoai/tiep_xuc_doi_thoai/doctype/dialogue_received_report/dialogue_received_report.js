// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.ui.form.on("Dialogue Received Report", {
	refresh(frm) {
		if (frm.doc.signed_file) {
			frm.add_custom_button(__("Verify Signatures"), () =>
				frm
					.call("verify_signatures")
					.then((r) => tiep_xuc_doi_thoai.signing.show_report(r.message))
			);
		}
	},
});
