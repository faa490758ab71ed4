// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.ui.form.on("Dialogue Settings", {
	refresh(frm) {
		frm.add_custom_button(__("Check a Date"), () => {
			frappe.prompt(
				[{ fieldname: "date", fieldtype: "Date", label: __("Date"), reqd: 1 }],
				({ date }) => {
					frappe
						.call("tiep_xuc_doi_thoai.api.deadlines.is_working_day", { date })
						.then(({ message }) => {
							const day = frappe.datetime.str_to_user(message.date);
							frappe.msgprint(
								message.is_working_day
									? __("{0} is a working day.", [day])
									: __(
											"{0} is not a working day ({1}). Next working day: {2}.",
											[
												day,
												message.holiday || __("weekend or agency day off"),
												frappe.datetime.str_to_user(
													message.next_working_day
												),
											]
										)
							);
						});
				},
				__("Check a Date")
			);
		});
	},
});
