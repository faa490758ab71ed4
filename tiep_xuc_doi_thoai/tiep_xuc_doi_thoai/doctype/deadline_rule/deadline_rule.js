// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.ui.form.on("Deadline Rule", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Try this rule"), () => {
			frappe.prompt(
				[{ fieldname: "anchor", fieldtype: "Date", label: __("From Date"), reqd: 1 }],
				({ anchor }) => {
					frappe
						.call("tiep_xuc_doi_thoai.api.deadlines.get_due_date", {
							event: frm.doc.event,
							anchor,
							complexity: frm.doc.complexity === "Any" ? null : frm.doc.complexity,
							area: frm.doc.area === "Any" ? null : frm.doc.area,
							unit: frm.doc.unit,
						})
						.then(({ message }) => {
							frappe.msgprint(
								__("Rule {0} gives {1} ({2} working days from today).", [
									message.rule,
									frappe.datetime.str_to_user(message.due_date),
									message.working_days_left,
								])
							);
						});
				},
				__("Try this rule")
			);
		});
	},
});
