// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.ui.form.on("Dialogue Transfer", {
	refresh(frm) {
		if (["Failed", "Dead"].includes(frm.doc.status) && frm.doc.last_error) {
			frm.dashboard.set_headline_alert(frappe.utils.escape_html(frm.doc.last_error), "red");
		}
		if (frm.doc.status !== "Sent" && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Retry"), () =>
				frappe.call({
					method: "tiep_xuc_doi_thoai.integrations.outbox.retry",
					args: { name: frm.doc.name },
					callback: () => frm.reload_doc(),
				})
			);
		}
	},
});
