// What several doctypes share, loaded once on every desk page (hooks.app_include_js).
// Nothing here registers a form or list handler: each doctype's own .js / _list.js calls
// these helpers from its refresh / onload, so opening a form again adds nothing twice.
frappe.provide("tiep_xuc_doi_thoai.nd30_pdf");
frappe.provide("tiep_xuc_doi_thoai.registers");

// "PDF (Nghị định 30)": the app's PDF path, with page numbers from page 2 and no dependence
// on a running web server.
tiep_xuc_doi_thoai.nd30_pdf.add_button = function (frm) {
	const doctype = frm.doctype;
	if (frm.is_new() || !frappe.model.can_print(doctype, frm)) return;
	frm.add_custom_button(__("PDF (Decree 30)"), () => {
		frappe.db
			.get_list("Print Format", {
				filters: { doc_type: doctype, disabled: 0 },
				pluck: "name",
			})
			.then((formats) => {
				const open = (print_format) =>
					window.open(
						"/api/method/tiep_xuc_doi_thoai.api.printing.download_pdf?" +
							new URLSearchParams({ doctype, name: frm.doc.name, print_format })
					);
				if (formats.length === 1) return open(formats[0]);
				frappe.prompt(
					[
						{
							fieldname: "print_format",
							fieldtype: "Select",
							label: __("Print Format"),
							options: formats,
							default: frm.meta.default_print_format,
							reqd: 1,
						},
					],
					({ print_format }) => open(print_format),
					__("PDF (Decree 30)")
				);
			});
	});
};

// Excel registers (api/registers.py, built in services/registers.py): sổ theo dõi, sổ tiếp công dân (Mẫu 03), phụ lục kết quả.
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
			window.open(
				`/api/method/tiep_xuc_doi_thoai.api.registers.${method}?${query.toString()}`
			);
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
			{
				fieldname: "unit",
				fieldtype: "Link",
				options: "Dialogue Unit",
				label: __("Responsible Unit"),
			},
		],
		(values) => tiep_xuc_doi_thoai.registers.download(method, values),
		title,
		__("Download")
	);
};

// The register downloads in a list's menu (Citizen Petition).
tiep_xuc_doi_thoai.registers.add_list_menu = function (listview) {
	const add = (label, method) =>
		listview.page.add_menu_item(label, () => tiep_xuc_doi_thoai.registers.ask(method, label));
	add(__("Petition Register (Excel)"), "petition_register");
	add(__("Reception Register, Form 03 (Excel)"), "reception_register");
	add(__("Results Annex (Excel)"), "results_annex");
};

// The results annex of one plan or conference, from its form.
tiep_xuc_doi_thoai.registers.add_results_annex_button = function (frm, argument) {
	if (frm.is_new()) return;
	frm.add_custom_button(
		__("Results Annex (Excel)"),
		() => tiep_xuc_doi_thoai.registers.download("results_annex", { [argument]: frm.doc.name }),
		__("Download")
	);
};

// Signed documents (services/signing.py): send a document for signature, show a verification.
frappe.provide("tiep_xuc_doi_thoai.signing");

tiep_xuc_doi_thoai.signing.add_button = function (frm) {
	if (frm.is_new() || frm.doc.docstatus === 2 || !frappe.model.can_create("Signed Document"))
		return;
	frm.add_custom_button(__("Send for Signature"), () => {
		frappe.db
			.get_list("Print Format", {
				filters: { doc_type: frm.doctype, disabled: 0 },
				pluck: "name",
			})
			.then((formats) => {
				const send = (print_format) =>
					frm.call("send_for_signature", { print_format }).then((r) => {
						if (r.message) frappe.set_route("Form", "Signed Document", r.message);
					});
				if (formats.length === 1) return send(formats[0]);
				frappe.prompt(
					[
						{
							fieldname: "print_format",
							fieldtype: "Select",
							label: __("Print Format"),
							options: formats,
							reqd: 1,
						},
					],
					({ print_format }) => send(print_format),
					__("Send for Signature")
				);
			});
	});
};

tiep_xuc_doi_thoai.signing.show_report = function (report) {
	if (!report) return;
	const esc = frappe.utils.escape_html;
	const yes = (v) => (v ? "✔" : "✘");
	const rows = (report.signatures || [])
		.map(
			(s) =>
				`<tr><td>${esc(s.signer)}<br><small>${esc(s.organisation)}</small></td><td>${esc(s.signed_at)}</td>` +
				`<td>${yes(s.intact)}</td><td>${yes(s.trusted)}</td><td>${yes(s.ours)}</td></tr>`
		)
		.join("");
	frappe.msgprint({
		title: __("Signature Verification"),
		indicator: report.ok ? "green" : "red",
		message:
			`<p>${esc(report.message)}</p>` +
			(rows
				? `<table class="table table-bordered table-sm"><tr><th>${__("Signed By")}</th><th>${__("Signed On")}</th>` +
					`<th>${__("Intact")}</th><th>${__("Trusted")}</th><th>${__("This Agency")}</th></tr>${rows}</table>`
				: "") +
			`<p class="text-muted small">SHA-256: ${esc(report.sha256)}</p>`,
	});
};
