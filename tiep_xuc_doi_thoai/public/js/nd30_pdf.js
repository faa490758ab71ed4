// "PDF (Nghị định 30)": the app's PDF path, with page numbers from page 2 and no dependence
// on a running web server (added to the forms through hooks.doctype_js).
["Dialogue Plan", "Dialogue Conference", "Petition Assignment", "Citizen Petition"].forEach((doctype) => {
	frappe.ui.form.on(doctype, {
		refresh(frm) {
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
		},
	});
});
