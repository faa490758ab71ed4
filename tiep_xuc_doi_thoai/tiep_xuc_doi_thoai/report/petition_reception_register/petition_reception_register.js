// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.query_reports["Petition Reception Register"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.month_start(),
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
		},
		{
			fieldname: "source",
			label: __("Source"),
			fieldtype: "Select",
			options: [""],
		},
		{
			fieldname: "petition_type",
			label: __("Petition Type"),
			fieldtype: "Select",
			options: [""],
		},
		{
			fieldname: "responsible_unit",
			label: __("Responsible Unit"),
			fieldtype: "Link",
			options: "Dialogue Unit",
		},
	],
	onload(report) {
		// The Select options are Citizen Petition's own (its meta), loaded once for the page.
		frappe.model.with_doctype("Citizen Petition", () => {
			for (const fieldname of ["source", "petition_type"]) {
				const filter = report.get_filter(fieldname);
				filter.df.options = [""]
					.concat(
						frappe.meta.get_docfield("Citizen Petition", fieldname).options.split("\n")
					)
					.filter((value, i) => i === 0 || value)
					.map((value) => ({
						value,
						label: value ? __(value, null, "Citizen Petition") : "",
					}));
				filter.set_options();
			}
		});
	},
};
