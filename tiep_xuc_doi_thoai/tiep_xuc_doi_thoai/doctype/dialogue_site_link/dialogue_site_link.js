// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.ui.form.on("Dialogue Site Link", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Test Connection"), () => {
			frappe.call({
				method: "tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_site_link.dialogue_site_link.test_connection",
				args: { name: frm.doc.name },
				freeze: true,
				freeze_message: __("Calling the other site..."),
				callback: (r) => {
					const d = r.message || {};
					frappe.msgprint({
						title: d.ok ? __("Connection Works") : __("Connection Failed"),
						message: frappe.utils.escape_html(d.message || ""),
						indicator: d.ok ? "green" : "red",
					});
					frm.reload_doc();
				},
			});
		});
	},
});
