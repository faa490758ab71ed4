// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt
// The public page's check (/kiem-tra-chu-ky) in the desk: choose a PDF, see who signed it,
// when, and whether it changed since (api/verification.py; nothing is stored).

frappe.pages["verify-signatures"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({
		parent: wrapper,
		title: __("Verify Signatures"),
		single_column: true,
	});
	const input = $(
		`<div class="frappe-control" style="max-width: 32rem">
			<label class="control-label" for="txdt-verify-pdf">${__("PDF to check")}</label>
			<input id="txdt-verify-pdf" type="file" accept="application/pdf,.pdf" class="form-control">
		</div>`
	)
		.appendTo(page.main)
		.find("input");
	page.set_primary_action(__("Verify Signatures"), () => {
		const file = input[0].files && input[0].files[0];
		if (!file) return frappe.msgprint(__("Choose a PDF file to check."));
		const reader = new FileReader();
		reader.onload = () =>
			frappe
				.call({
					method: "tiep_xuc_doi_thoai.api.verification.verify_pdf",
					args: { data: reader.result },
					freeze: true,
				})
				.then((r) => tiep_xuc_doi_thoai.signing.show_report(r.message));
		reader.readAsDataURL(file);
	});
};
