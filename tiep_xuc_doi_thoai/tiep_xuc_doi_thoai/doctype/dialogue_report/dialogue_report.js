// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.ui.form.on("Dialogue Report", {
	refresh(frm) {
		frm.trigger("render_breakdown");
		tiep_xuc_doi_thoai.signing.add_button(frm); // public/js/tiep_xuc_doi_thoai.bundle.js
		if (!frm.is_new()) {
			frm.add_custom_button(__("Excel Annex"), () => {
				window.open(
					"/api/method/tiep_xuc_doi_thoai.integrations.reports.report_annex?name=" +
						encodeURIComponent(frm.doc.name)
				);
			});
		}
	},
	render_breakdown(frm) {
		let data = {};
		try {
			data = JSON.parse(frm.doc.figures_json || "{}");
		} catch (e) {
			data = {};
		}
		const table = (title, rows) => {
			if (!rows || !rows.length) return "";
			const body = rows
				.map(
					(r) =>
						`<tr><td>${frappe.utils.escape_html(String(r[0]))}</td><td class="text-right">${r[1]}</td></tr>`
				)
				.join("");
			return `<h6>${title}</h6><table class="table table-bordered table-sm">${body}</table>`;
		};
		frm.get_field("figures_html").$wrapper.html(
			table(__("By Channel"), data.by_channel) +
				table(__("By Type"), data.by_type) +
				table(__("By Field"), data.by_category) +
				table(__("Overdue Assignments by Unit"), data.overdue_by_unit)
		);
	},
});
