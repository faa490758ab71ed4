// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.ui.form.on("Citizen Petition", {
	refresh(frm) {
		tiep_xuc_doi_thoai.nd30_pdf.add_button(frm); // public/js/tiep_xuc_doi_thoai.bundle.js
		add_assign_button(frm);
		frm.trigger("show_identity");
		frm.trigger("show_duplicates");
		if (frm.doc.tracking_code) {
			frm.dashboard.set_headline(
				__("Tracking code for the citizen: {0}", [
					`<b>${frappe.utils.escape_html(frm.doc.tracking_code)}</b>`,
				])
			);
		}
	},

	after_save(frm) {
		frm.trigger("show_duplicates");
	},

	show_identity(frm) {
		const wrapper = frm.get_field("identity_html").$wrapper;
		wrapper.empty();
		if (!frm.doc.identity_confidential || frm.is_new()) return;
		wrapper.html(
			`<div class="alert alert-warning">${__(
				"The identity of this petitioner is confidential (Luật Tố cáo 2018, Article 9, Article 56)."
			)}</div>`
		);
		// The Role Permissions on Petition Identity decide (permissions/identity.py), not a role name.
		if (frappe.model.can_delete("Petition Identity")) {
			frm.add_custom_button(__("Purge Earlier Versions"), () => {
				frappe.confirm(
					__(
						"Delete the version history of this petition? Versions from before it became confidential may hold the identity of the denouncer."
					),
					() => frm.call("purge_earlier_versions").then(() => frm.reload_doc())
				);
			});
		}
		if (!frappe.model.can_read("Petition Identity")) return;
		frm.add_custom_button(__("Show Identity"), () => {
			frm.call("get_identity").then((r) => {
				const d = r.message || {};
				const rows = [
					[__("Petitioner Name"), d.petitioner_name],
					[__("ID Number"), d.id_number],
					[__("Phone", null, "Citizen Petition"), d.phone],
					[__("Address", null, "Citizen Petition"), d.address],
					[__("Village"), d.village],
					[__("Representative"), d.representative],
				]
					.map(
						([label, value]) =>
							`<tr><th>${label}</th><td>${frappe.utils.escape_html(value || "")}</td></tr>`
					)
					.join("");
				frappe.msgprint({
					title: __("Identity"),
					message: Object.keys(d).length
						? `<table class="table table-bordered">${rows}</table>`
						: __("No identity is kept for this petition: see the paper file."),
				});
			});
		});
	},

	show_duplicates(frm) {
		const wrapper = frm.get_field("duplicates_html").$wrapper;
		wrapper.empty();
		if (frm.is_new()) return;
		frm.call("find_duplicates").then((r) => {
			const matches = r.message || [];
			if (!matches.length) return;
			const esc = frappe.utils.escape_html;
			const rows = matches
				.map(
					(m) => `<tr>
						<td><a href="/app/citizen-petition/${encodeURIComponent(m.name)}">${esc(m.name)}</a></td>
						<td>${esc(m.received_date || "")}</td>
						<td>${esc(m.subject || "")}</td>
						<td>${esc(m.strength_label)}: ${esc(m.reasons.join(", "))}</td>
						<td>${esc(m.workflow_state_label || "")}</td>
						<td>
							<button class="btn btn-xs btn-default mark-duplicate" data-name="${esc(m.name)}">${__("Mark as Duplicate")}</button>
							<button class="btn btn-xs btn-default close-duplicate" data-name="${esc(m.name)}">${__("Close with Earlier Answer")}</button>
						</td>
					</tr>`
				)
				.join("");
			wrapper.html(`<p>${__("Earlier petitions from the same person or about the same matter:")}</p>
				<table class="table table-bordered table-sm"><tbody>${rows}</tbody></table>`);
			frm.dashboard.set_headline_alert(
				__("{0} earlier petition(s) look like this one: see Duplicates.", [
					matches.length,
				]),
				"orange"
			);
			wrapper.find(".mark-duplicate").on("click", (e) => {
				frm.call("mark_duplicate", { duplicate_of: $(e.currentTarget).data("name") }).then(
					() => frm.reload_doc()
				);
			});
			wrapper.find(".close-duplicate").on("click", (e) => {
				const earlier = $(e.currentTarget).data("name");
				frappe.confirm(
					__("Close this petition with the answer given in {0}?", [earlier]),
					() =>
						frm
							.call("close_as_duplicate", { duplicate_of: earlier })
							.then(() => frm.reload_doc())
				);
			});
		});
	},

	petition_type(frm) {
		if (frm.doc.petition_type === "Denunciation") {
			frappe.show_alert({
				message: __("The identity of a denouncer is kept apart and hidden when you save."),
				indicator: "orange",
			});
		}
	},
});

// Assign a classified petition to a unit from its form.
function add_assign_button(frm) {
	if (frm.is_new() || !["Petition Classified", "Assigned to a Unit"].includes(frm.doc.status))
		return;
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
				frm
					.call("make_assignment", { lead_unit, task })
					.then(({ message }) =>
						frappe.set_route("Form", "Petition Assignment", message)
					),
			__("Assign to Unit")
		);
	});
}
