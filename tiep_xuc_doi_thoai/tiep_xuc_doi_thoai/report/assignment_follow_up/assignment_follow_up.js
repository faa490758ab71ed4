// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.query_reports["Assignment Follow-up"] = {
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date" },
		{ fieldname: "unit", label: __("Lead Unit"), fieldtype: "Link", options: "Dialogue Unit" },
	],
};
