// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.ui.form.on("Petition Import", {
	setup(frm) {
		frappe.realtime.on("petition_import_progress", (data) => {
			if (data.name !== frm.doc.name || !data.total) return;
			frm.dashboard.show_progress(
				__("Importing Petitions"),
				data.percent,
				__("Imported {0} of {1} rows", [data.done, data.total])
			);
		});
		frappe.realtime.on("petition_import_done", (data) => {
			if (data.name !== frm.doc.name) return;
			frm.dashboard.hide_progress();
			frm.reload_doc();
		});
	},

	refresh(frm) {
		frm.disable_save(frm.doc.status !== "Pending");
		render_errors(frm);
		if (!frm.is_new() && frm.doc.status === "Pending") {
			frm.page.set_primary_action(__("Start Import", null, "Petition Import"), () => {
				frm.page.btn_primary.prop("disabled", true);
				frm.call("start_import")
					.then(() => frm.reload_doc())
					.always(() => frm.page.btn_primary.prop("disabled", false));
			});
		}
		if (frm.doc.status === "Success" && frm.doc.first_petition) {
			frm.add_custom_button(__("Imported Petitions"), () => {
				frappe.set_route("List", "Citizen Petition", {
					name: ["between", [frm.doc.first_petition, frm.doc.last_petition]],
				});
			});
		}
	},
});

function render_errors(frm) {
	const wrapper = frm.get_field("errors_html").$wrapper;
	const errors = JSON.parse(frm.doc.row_errors || "[]");
	if (!errors.length) {
		wrapper.html("");
		return;
	}
	const esc = frappe.utils.escape_html;
	wrapper.html(
		`<p>${__("Nothing was imported: {0} problem(s). Fix them and upload the file again.", [
			errors.length,
		])}</p><ul>${errors.map((e) => `<li>${esc(e.message)}</li>`).join("")}</ul>`
	);
}
