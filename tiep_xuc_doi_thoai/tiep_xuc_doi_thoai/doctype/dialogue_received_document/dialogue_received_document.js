// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.ui.form.on("Dialogue Received Document", {
	refresh(frm) {
		if (frm.doc.signature_status === "Not Valid") {
			frm.dashboard.set_headline_alert(
				`<div class="text-danger">${frappe.utils.escape_html(frm.doc.verification_message || __("The signatures did not validate when it arrived."))}</div>`
			);
		}
		if (frm.doc.signed_file) {
			frm.add_custom_button(__("Verify Signatures"), () =>
				frm
					.call("verify_signatures")
					.then((r) => tiep_xuc_doi_thoai.signing.show_report(r.message))
			);
		}
	},
});
