// Bulk assignment: several selected petitions to one unit (added through hooks.doctype_list_js).
frappe.listview_settings["Citizen Petition"] = frappe.listview_settings["Citizen Petition"] || {};
(function (settings) {
	const previous = settings.onload;
	settings.onload = function (listview) {
		if (previous) previous(listview);
		if (!frappe.model.can_create("Petition Assignment")) return;
		listview.page.add_actions_menu_item(__("Assign to Unit"), () => {
			const petitions = listview.get_checked_items(true);
			if (!petitions.length) return frappe.msgprint(__("Select at least one petition."));
			frappe.prompt(
				[{ fieldname: "lead_unit", fieldtype: "Link", options: "Dialogue Unit", label: __("Lead Unit"), reqd: 1 }],
				({ lead_unit }) =>
					frappe
						.call("tiep_xuc_doi_thoai.api.assignments.make_from_petitions", { petitions, lead_unit })
						.then(({ message }) => frappe.set_route("Form", "Petition Assignment", message)),
				__("Assign to Unit")
			);
		});
	};
})(frappe.listview_settings["Citizen Petition"]);
