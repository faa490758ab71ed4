// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

const API = "tiep_xuc_doi_thoai.api.assignments"; // preview_due_date: an unsaved assignment
const DONE = ["Result Accepted", "Assignment Closed"]; // core/assignments.py DONE_STATUSES

frappe.ui.form.on("Petition Assignment", {
	refresh(frm) {
		tiep_xuc_doi_thoai.nd30_pdf.add_button(frm); // public/js/tiep_xuc_doi_thoai.bundle.js
		if (frm.is_new()) return;
		const open = !DONE.includes(frm.doc.status);
		if (open && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Request Extension"), () => request_extension(frm));
		}
		const pending = (frm.doc.extensions || []).find((r) => r.decision === "Pending");
		// Deciding is write on permission level 2 (Role Permissions Manager), not a role name.
		if (open && pending && frm.perm[2] && frm.perm[2].write) {
			frm.add_custom_button(
				__("Approve Extension"),
				() => decide(frm, pending, 1),
				__("Extension")
			);
			frm.add_custom_button(
				__("Refuse Extension"),
				() => decide(frm, pending, 0),
				__("Extension")
			);
		}
		const colours = {
			"Past Deadline": "red",
			"Due Soon": "orange",
			"On Track": "blue",
			"Done on Time": "green",
			"Done Late": "yellow",
		};
		if (frm.doc.deadline_state) {
			frm.dashboard.add_indicator(
				__(frm.doc.deadline_state, null, frm.doctype),
				colours[frm.doc.deadline_state] || "gray"
			);
		}
	},
	deadline_event: preview_due_date,
	complexity: preview_due_date,
	remote_area: preview_due_date,
	lead_unit: preview_due_date,
	assigned_on: preview_due_date,
});

function preview_due_date(frm) {
	if (!frm.is_new() || !frm.doc.deadline_event || !frm.doc.assigned_on) return;
	frappe
		.call(`${API}.preview_due_date`, {
			assigned_on: frm.doc.assigned_on,
			deadline_event: frm.doc.deadline_event,
			complexity: frm.doc.complexity,
			remote_area: frm.doc.remote_area,
			lead_unit: frm.doc.lead_unit,
		})
		.then(({ message }) => {
			frm.set_value("due_date", message.due_date);
			frm.set_value("due_date_rule", message.rule);
		});
}

function request_extension(frm) {
	frappe.prompt(
		[
			{
				fieldname: "requested_due_date",
				fieldtype: "Date",
				label: __("Requested Due Date"),
				reqd: 1,
			},
			{
				fieldname: "reason",
				fieldtype: "Small Text",
				label: __("Reason", null, "Assignment Extension Request"),
				reqd: 1,
			},
		],
		(values) => frm.call("request_extension", values).then(() => frm.reload_doc()),
		__("Request Extension")
	);
}

function decide(frm, row, approve) {
	frappe.prompt(
		[{ fieldname: "note", fieldtype: "Small Text", label: __("Decision Note") }],
		({ note }) =>
			frm
				.call("decide_extension", { row: row.name, approve, note })
				.then(() => frm.reload_doc()),
		approve ? __("Approve Extension") : __("Refuse Extension")
	);
}
