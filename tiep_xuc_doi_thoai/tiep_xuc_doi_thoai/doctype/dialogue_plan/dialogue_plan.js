// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.ui.form.on("Dialogue Plan", {
	refresh(frm) {
		if (frm.doc.docstatus < 2 && !frm.is_new()) {
			frm.add_custom_button(__("Conference"), () => make_conference(frm), __("Create"));
		}
	},
	issuing_unit(frm) {
		if (!frm.doc.issuing_unit) return;
		frappe.db.get_value("Dialogue Unit", frm.doc.issuing_unit, "place_name").then(({ message }) => {
			if (message && message.place_name && !frm.doc.place_name) {
				frm.set_value("place_name", message.place_name);
			}
		});
	},
});

frappe.ui.form.on("Dialogue Plan Session", {
	conference(frm, cdt, cdn) {
		frm.refresh_field("sessions");
	},
});

function make_conference(frm) {
	const open = (frm.doc.sessions || []).filter((row) => !row.conference);
	const create = (row) =>
		frappe.new_doc("Dialogue Conference", {
			dialogue_plan: frm.doc.name,
			plan_session: row ? row.session_title : null,
			topic: row ? row.topic || row.session_title : frm.doc.title,
			conference_date: row ? row.expected_date : null,
			place: row ? row.place : null,
			dialogue_form: frm.doc.dialogue_form,
			chair: frm.doc.chair,
		});
	if (open.length <= 1) return create(open[0]);
	frappe.prompt(
		[
			{
				fieldname: "session",
				fieldtype: "Select",
				label: __("Session"),
				options: open.map((row) => row.session_title),
				reqd: 1,
			},
		],
		({ session }) => create(open.find((row) => row.session_title === session)),
		__("Which session?")
	);
}
