// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.query_reports["Assignment Follow-up"] = {
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date" },
		{ fieldname: "unit", label: __("Lead Unit"), fieldtype: "Link", options: "Dialogue Unit" },
	],
	formatter(value, row, column, data, default_formatter) {
		// a rate with nothing to count (no assignment done or overdue yet) is "—", not 0%
		if (
			column.fieldname === "on_time_rate" &&
			(value === null || value === undefined || value === "")
		) {
			return "—";
		}
		return default_formatter(value, row, column, data);
	},
};
