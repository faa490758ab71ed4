// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.ui.form.on("Dialogue Plan", {
	refresh(frm) {
		// shared helpers: public/js/tiep_xuc_doi_thoai.bundle.js
		tiep_xuc_doi_thoai.nd30_pdf.add_button(frm);
		tiep_xuc_doi_thoai.signing.add_button(frm);
		tiep_xuc_doi_thoai.registers.add_results_annex_button(frm, "dialogue_plan");
		if (frm.doc.docstatus < 2 && !frm.is_new()) {
			frm.add_custom_button(__("Conference"), () => make_conference(frm), __("Create"));
		}
		show_conferences(frm);
	},
	issuing_unit(frm) {
		if (!frm.doc.issuing_unit) return;
		frappe.db
			.get_value("Dialogue Unit", frm.doc.issuing_unit, "place_name")
			.then(({ message }) => {
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

function show_conferences(frm) {
	if (frm.is_new()) return;
	frappe.db
		.get_list("Dialogue Conference", {
			filters: { dialogue_plan: frm.doc.name },
			fields: ["name", "topic", "conference_date", "status", "deadline_state"],
			order_by: "conference_date asc",
		})
		.then((rows) => {
			if (!rows.length) return;
			const colours = { "Past Deadline": "red", "Due Soon": "orange" };
			const items = rows
				.map(
					(r) => `<tr>
						<td><a href="/app/dialogue-conference/${encodeURIComponent(r.name)}">${frappe.utils.escape_html(r.topic)}</a></td>
						<td>${frappe.datetime.str_to_user(r.conference_date)}</td>
						<td><span class="indicator-pill ${colours[r.deadline_state] || "blue"}">${__(r.status, null, "Dialogue Conference")}${
							r.deadline_state
								? " · " + __(r.deadline_state, null, "Dialogue Conference")
								: ""
						}</span></td></tr>`
				)
				.join("");
			frm.dashboard.add_section(
				`<table class="table table-condensed"><thead><tr><th>${__("Conference")}</th><th>${__(
					"Conference Date"
				)}</th><th>${__("Status")}</th></tr></thead><tbody>${items}</tbody></table>`,
				__("Conferences")
			);
		});
}
