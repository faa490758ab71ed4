// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.query_reports["Opinions by Channel"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
		},
		{
			fieldname: "unit",
			label: __("Responsible Unit"),
			fieldtype: "Link",
			options: "Dialogue Unit",
		},
	],
};
