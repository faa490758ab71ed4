// Assign a petition to a unit from its form (added through hooks.doctype_js).
frappe.ui.form.on("Citizen Petition", {
	refresh(frm) {
		if (frm.is_new() || !["Classified", "Assigned"].includes(frm.doc.status)) return;
		if (!frappe.model.can_create("Petition Assignment")) return;
		frm.add_custom_button(__("Assign to Unit"), () => {
			frappe.prompt(
				[
					{
						fieldname: "lead_unit",
						fieldtype: "Link",
						options: "Dialogue Unit",
						label: __("Lead Unit"),
						reqd: 1,
						default: frm.doc.responsible_unit,
					},
					{ fieldname: "task", fieldtype: "Small Text", label: __("Task") },
				],
				({ lead_unit, task }) =>
					frappe
						.call("tiep_xuc_doi_thoai.api.assignments.make_from_petitions", {
							petitions: [frm.doc.name],
							lead_unit,
							task,
						})
						.then(({ message }) => frappe.set_route("Form", "Petition Assignment", message)),
				__("Assign to Unit")
			);
		});
	},
});
