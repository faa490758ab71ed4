// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

const IMPORT_API = "tiep_xuc_doi_thoai.api.petition_import";
// A Select's options are the doctype's own (its meta is loaded before a list view runs).
const petition_options = (fieldname) =>
	frappe.meta
		.get_docfield("Citizen Petition", fieldname)
		.options.split("\n")
		.filter(Boolean)
		.map((value) => ({ value, label: __(value, null, "Citizen Petition") }));

frappe.listview_settings["Citizen Petition"] = {
	add_fields: ["due_date", "workflow_state", "status"],
	onload(listview) {
		tiep_xuc_doi_thoai.registers.add_list_menu(listview); // public/js/tiep_xuc_doi_thoai.bundle.js
		add_bulk_assign(listview);
		if (!frappe.model.can_create("Citizen Petition")) return;
		listview.page.add_inner_button(__("Download Import Template"), () => {
			window.open(`/api/method/${IMPORT_API}.download_template`);
		});
		listview.page.add_inner_button(__("Import from Excel"), () =>
			show_import_dialog(listview)
		);
	},
};

function show_import_dialog(listview) {
	const dialog = new frappe.ui.Dialog({
		title: __("Import Petitions from Excel"),
		size: "extra-large",
		fields: [
			{
				fieldname: "file_url",
				fieldtype: "Attach",
				label: __("Excel File (.xlsx)"),
				reqd: 1,
			},
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
				options: petition_options("source"),
				default: "Fatherland Front or Organizations",
			},
			{
				fieldname: "phase",
				fieldtype: "Select",
				label: __("Phase"),
				options: petition_options("phase"),
				default: "Outside Conferences",
			},
			{
				fieldname: "conference",
				fieldtype: "Link",
				label: __("Conference"),
				options: "Dialogue Conference",
			},
			{ fieldname: "preview_html", fieldtype: "HTML" },
		],
		primary_action_label: __("Check File"),
		primary_action(values) {
			delete values.preview_html;
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
	if (p.sections) {
		html += `<p class="text-muted">${__("{0} group row(s) gave the category of the rows under them.", [p.sections])}</p>`;
	}
	if (p.error_count) {
		html += `<div class="alert alert-danger">${__(
			"{0} problem(s) in {1} row(s): nothing will be imported until they are fixed.",
			[p.error_count, p.error_rows]
		)}</div><ul>${p.errors.map((e) => `<li>${esc(e.message)}</li>`).join("")}</ul>`;
	}
	const unknown = p.unknown || [];
	const may_add_synonym = frappe.model.can_create("Petition Name Synonym");
	if (unknown.length && may_add_synonym) {
		html += `<div class="alert alert-info">${__(
			"Names that match nothing: say which record each one means, and it is remembered as a synonym for the next lists."
		)}</div>`;
		html += unknown
			.map(
				(
					u,
					i
				) => `<div class="form-group"><label>${esc(u.column_label)}: <b>${esc(u.text)}</b>
				<span class="text-muted">(${__("rows", null, "Petition Import")} ${u.rows.join(", ")})</span></label>
				<div class="txdt-unknown" data-index="${i}"></div></div>`
			)
			.join("");
	}
	if ((p.ambiguities || []).length) {
		html += `<div class="alert alert-warning">${__(
			"These names fit several records. Choose the right one for each: nothing is guessed."
		)}</div>`;
		html += p.ambiguities
			.map(
				(a, i) => `<div class="form-group">
				<label>${esc(a.column_label)}: <b>${esc(a.text)}</b>
				<span class="text-muted">(${__("rows", null, "Petition Import")} ${a.rows.join(", ")})</span></label>
				<select class="form-control txdt-choice" data-index="${i}">
					<option value="">${__("Choose...")}</option>
					${a.candidates.map((c) => `<option value="${esc(c)}">${esc(c)}</option>`).join("")}
				</select></div>`
			)
			.join("");
	}
	if ((p.mapped || []).length) {
		html += `<h5>${__("Names mapped")}</h5><table class="table table-sm table-bordered"><thead><tr>
			<th>${__("Column", null, "Petition Import")}</th><th>${__("In the file")}</th><th>${__("Stored as")}</th><th>${__("How")}</th><th>${__("Rows", null, "Petition Import")}</th>
			</tr></thead><tbody>${p.mapped
				.map(
					(m) =>
						`<tr><td>${esc(m.column)}</td><td>${esc(m.text)}</td><td>${esc(m.value)}</td><td>${esc(m.how)}</td><td>${m.rows}</td></tr>`
				)
				.join("")}</tbody></table>`;
	}
	html += `<h5>${__("Rows as they will be stored")}</h5>
		<div style="max-height: 320px; overflow: auto;"><table class="table table-sm table-bordered"><thead><tr>
		<th>${__("Row", null, "Petition Import")}</th><th>${__("Received Date")}</th><th>${__("Petitioner Name")}</th><th>${__("Petition Type")}</th>
		<th>${__("Category", null, "Citizen Petition")}</th><th>${__("Responsible Unit")}</th><th>${__("Content", null, "Citizen Petition")}</th></tr></thead><tbody>${(
			p.preview || []
		)
			.map(
				(
					r
				) => `<tr><td>${r.row}</td><td>${esc(r.received_date)}</td><td>${esc(r.petitioner_name)}</td>
				<td>${esc(r.petition_type)}</td><td>${esc(r.category)}</td><td>${esc(r.responsible_unit)}</td><td>${esc(r.content)}</td></tr>`
			)
			.join("")}</tbody></table></div>`;
	dialog.fields_dict.preview_html.$wrapper.html(html);
	const synonym_controls = [];
	dialog.fields_dict.preview_html.$wrapper.find(".txdt-unknown").each(function () {
		const u = unknown[$(this).data("index")];
		synonym_controls.push({
			u,
			control: frappe.ui.form.make_control({
				parent: $(this),
				df: {
					fieldtype: "Link",
					fieldname: `synonym_${$(this).data("index")}`,
					options: u.kind === "Category" ? "Petition Category" : "Dialogue Unit",
					placeholder: __("Means..."),
				},
				render_input: true,
			}),
		});
	});
	const save_synonyms = () =>
		Promise.all(
			synonym_controls
				.filter((c) => c.control.get_value())
				.map((c) =>
					frappe.db.insert({
						doctype: "Petition Name Synonym",
						kind: c.u.kind,
						synonym_text: c.u.text,
						[c.u.kind === "Category" ? "category" : "unit"]: c.control.get_value(),
					})
				)
		);
	const choices = values.choices ? JSON.parse(values.choices) : {};
	dialog.fields_dict.preview_html.$wrapper.find(".txdt-choice").on("change", function () {
		const a = p.ambiguities[$(this).data("index")];
		choices[a.column] = choices[a.column] || {};
		choices[a.column][a.key] = $(this).val();
		const next = { ...values, choices: JSON.stringify(choices) };
		frappe
			.call({ method: `${IMPORT_API}.preview_import`, args: next, freeze: true })
			.then((r) => render_preview(dialog, r.message, next, listview));
	});
	if (p.error_count || (p.ambiguities || []).length) {
		dialog.set_primary_action(
			synonym_controls.length ? __("Save Synonyms and Check Again") : __("Check File"),
			() => {
				const fresh = { ...dialog.get_values(), choices: values.choices };
				delete fresh.preview_html;
				save_synonyms()
					.then(() =>
						frappe.call({
							method: `${IMPORT_API}.preview_import`,
							args: fresh,
							freeze: true,
						})
					)
					.then((r) => render_preview(dialog, r.message, fresh, listview));
			}
		);
		return;
	}
	dialog.set_primary_action(__("Confirm: Import {0} Rows", [p.rows]), () => {
		frappe
			.call({ method: `${IMPORT_API}.import_petitions`, args: values, freeze: true })
			.then((r) => {
				// The import runs in the background; its record shows the progress and result.
				dialog.hide();
				frappe.set_route("Form", "Petition Import", r.message.name);
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
			[
				{
					fieldname: "lead_unit",
					fieldtype: "Link",
					options: "Dialogue Unit",
					label: __("Lead Unit"),
					reqd: 1,
				},
			],
			({ lead_unit }) =>
				frappe
					.call("tiep_xuc_doi_thoai.api.assignments.make_from_petitions", {
						petitions,
						lead_unit,
					})
					.then(({ message }) =>
						frappe.set_route("Form", "Petition Assignment", message)
					),
			__("Assign to Unit")
		);
	});
}
