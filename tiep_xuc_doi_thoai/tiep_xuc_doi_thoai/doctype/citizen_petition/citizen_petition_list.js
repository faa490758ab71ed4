// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

const IMPORT_API = "tiep_xuc_doi_thoai.api.petition_import";

frappe.listview_settings["Citizen Petition"] = {
	add_fields: ["due_date", "workflow_state"],
	onload(listview) {
		tiep_xuc_doi_thoai.registers.add_list_menu(listview); // public/js/tiep_xuc_doi_thoai.bundle.js
		add_bulk_assign(listview);
		if (!frappe.model.can_create("Citizen Petition")) return;
		listview.page.add_inner_button(__("Download Import Template"), () => {
			window.open(`/api/method/${IMPORT_API}.download_template`);
		});
		listview.page.add_inner_button(__("Import from Excel"), () => show_import_dialog(listview));
	},
};

function show_import_dialog(listview) {
	const dialog = new frappe.ui.Dialog({
		title: __("Import Petitions from Excel"),
		fields: [
			{ fieldname: "file_url", fieldtype: "Attach", label: __("Excel File (.xlsx)"), reqd: 1 },
			{
				fieldname: "default_date",
				fieldtype: "Date",
				label: __("Received Date for rows without a date"),
				default: frappe.datetime.get_today(),
			},
			{
				fieldname: "source",
				fieldtype: "Select",
				label: __("Source"),
				options: [
					"Fatherland Front or Organizations",
					"At a Conference",
					"Citizen Reception",
					"Mail",
					"Online",
					"Transferred by Another Body",
				].map((value) => ({ value, label: __(value) })),
				default: "Fatherland Front or Organizations",
			},
			{
				fieldname: "phase",
				fieldtype: "Select",
				label: __("Phase"),
				options: ["Outside Conferences", "Before a Conference", "At a Conference", "After a Conference"].map(
					(value) => ({ value, label: __(value) })
				),
				default: "Outside Conferences",
			},
			{ fieldname: "conference", fieldtype: "Link", label: __("Conference"), options: "Dialogue Conference" },
			{ fieldname: "preview_html", fieldtype: "HTML" },
		],
		primary_action_label: __("Check File"),
		primary_action(values) {
			frappe
				.call({ method: `${IMPORT_API}.preview_import`, args: values, freeze: true })
				.then((r) => render_preview(dialog, r.message, values, listview));
		},
	});
	dialog.show();
}

function render_preview(dialog, p, values, listview) {
	const esc = frappe.utils.escape_html;
	const by_type = Object.entries(p.by_type || {})
		.map(([k, v]) => `${esc(k)}: ${v}`)
		.join(", ");
	let html = `<p>${__("{0} rows found (header on row {1}). {2}", [p.rows, p.header_row, by_type])}</p>`;
	if (p.error_count) {
		html += `<div class="alert alert-danger">${__(
			"{0} problem(s) in {1} row(s): nothing will be imported until they are fixed.",
			[p.error_count, p.error_rows]
		)}</div><ul>${p.errors.map((e) => `<li>${esc(e.message)}</li>`).join("")}</ul>`;
	}
	dialog.fields_dict.preview_html.$wrapper.html(html);
	if (p.error_count) return;
	dialog.set_primary_action(__("Import {0} Rows", [p.rows]), () => {
		frappe
			.call({ method: `${IMPORT_API}.import_petitions`, args: values, freeze: true })
			.then((r) => {
				dialog.hide();
				frappe.msgprint(__("{0} petitions imported.", [r.message.imported]));
				listview.refresh();
			});
	});
}

// Bulk assignment: several selected petitions to one unit.
function add_bulk_assign(listview) {
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
}
