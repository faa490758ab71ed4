// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.listview_settings["Dialogue Received Document"] = {
	add_fields: ["signature_status"],
	get_indicator(doc) {
		return doc.signature_status === "Valid"
			? [
					__("Valid", null, "Dialogue Received Document"),
					"green",
					"signature_status,=,Valid",
				]
			: [
					__("Not Valid", null, "Dialogue Received Document"),
					"red",
					"signature_status,=,Not Valid",
				];
	},
};
