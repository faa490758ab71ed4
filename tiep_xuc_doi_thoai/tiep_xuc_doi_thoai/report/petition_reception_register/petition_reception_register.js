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
			options: [
				"",
				"At a Conference",
				"Fatherland Front or Organizations",
				"Citizen Reception",
				"Mail",
				"Online",
				"Transferred by Another Body",
			].map((value) => ({ value, label: __(value, null, "Citizen Petition") })),
		},
		{
			fieldname: "petition_type",
			label: __("Petition Type"),
			fieldtype: "Select",
			options: ["", "Recommendation", "Feedback", "Complaint", "Denunciation", "Multiple Contents"].map(
				(value) => ({ value, label: __(value, null, "Citizen Petition") })
			),
		},
		{
			fieldname: "responsible_unit",
			label: __("Responsible Unit"),
			fieldtype: "Link",
			options: "Dialogue Unit",
		},
	],
};
