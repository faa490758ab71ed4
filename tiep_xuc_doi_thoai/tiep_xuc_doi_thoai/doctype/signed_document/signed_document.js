// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.ui.form.on("Signed Document", {
	refresh(frm) {
		if (frm.doc.outdated) {
			frm.dashboard.set_headline_alert(
				__(
					"The document changed after it was sent for signature: send it for signature again."
				),
				"orange"
			);
		}
		if (frm.doc.official_file) {
			frm.add_custom_button(__("Verify Signatures"), () =>
				frm.call("verify").then((r) => tiep_xuc_doi_thoai.signing.show_report(r.message))
			);
		}
	},
});
