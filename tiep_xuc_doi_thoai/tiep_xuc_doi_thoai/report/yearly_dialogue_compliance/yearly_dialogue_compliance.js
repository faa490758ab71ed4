// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.query_reports["Yearly Dialogue Compliance"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
			reqd: 1,
		},
		{ fieldname: "unit", label: __("Unit"), fieldtype: "Link", options: "Dialogue Unit" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "unit" && data && !data.compliant) {
			value = `<span style="color: var(--red-600)">${value}</span>`;
		}
		return value;
	},
};
