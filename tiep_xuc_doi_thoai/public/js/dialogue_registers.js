// Excel registers (api/registers.py): sổ theo dõi, sổ tiếp công dân (Mẫu 03), phụ lục kết quả.
// Added through hooks.doctype_list_js (Citizen Petition) and hooks.doctype_js (plans, conferences).
frappe.provide("tiep_xuc_doi_thoai.registers");

tiep_xuc_doi_thoai.registers.download = function (method, args) {
	const query = new URLSearchParams();
	Object.entries(args || {}).forEach(([key, value]) => {
		if (value) query.append(key, value);
	});
	// A large register is queued by `prepare` (the server shows a message and later sends a
	// notification with the file); a small one downloads at once.
	frappe
		.call({
			method: "tiep_xuc_doi_thoai.api.registers.prepare",
			args: { register: method, filters: args || {} },
		})
		.then((r) => {
			if (r.message && r.message.background) return;
			window.open(`/api/method/tiep_xuc_doi_thoai.api.registers.${method}?${query.toString()}`);
		});
};

tiep_xuc_doi_thoai.registers.ask = function (method, title) {
	frappe.prompt(
		[
			{
				fieldname: "from_date",
				fieldtype: "Date",
				label: __("From Date"),
				default: frappe.datetime.year_start(),
			},
			{
				fieldname: "to_date",
				fieldtype: "Date",
				label: __("To Date"),
				default: frappe.datetime.get_today(),
			},
			{ fieldname: "unit", fieldtype: "Link", options: "Dialogue Unit", label: __("Responsible Unit") },
		],
		(values) => tiep_xuc_doi_thoai.registers.download(method, values),
		title,
		__("Download"),
	);
};

if (frappe.listview_settings) {
	frappe.listview_settings["Citizen Petition"] = frappe.listview_settings["Citizen Petition"] || {};
	(function (settings) {
		// the file is loaded again with each doctype's scripts: hook once
		if (settings.registers_menu) return;
		settings.registers_menu = true;
		const previous = settings.onload;
		settings.onload = function (listview) {
			if (previous) previous(listview);
			const add = (label, method) =>
				listview.page.add_menu_item(label, () => tiep_xuc_doi_thoai.registers.ask(method, label));
			add(__("Petition Register (Excel)"), "petition_register");
			add(__("Reception Register, Form 03 (Excel)"), "reception_register");
			add(__("Results Annex (Excel)"), "results_annex");
		};
	})(frappe.listview_settings["Citizen Petition"]);
}

if (!tiep_xuc_doi_thoai.registers.form_buttons) {
	tiep_xuc_doi_thoai.registers.form_buttons = true;
	["Dialogue Plan", "Dialogue Conference"].forEach((doctype) => {
		frappe.ui.form.on(doctype, {
			refresh(frm) {
				if (frm.is_new()) return;
				const arg = doctype === "Dialogue Plan" ? "dialogue_plan" : "dialogue_conference";
				frm.add_custom_button(
					__("Results Annex (Excel)"),
					() => tiep_xuc_doi_thoai.registers.download("results_annex", { [arg]: frm.doc.name }),
					__("Download"),
				);
			},
		});
	});
}
