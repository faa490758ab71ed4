// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.ui.form.on("Signing Profile", {
	setup(frm) {
		// The key file is private; the upload dialog starts private too.
		frm.fields_dict.certificate_file.df.is_private = 1;
	},
});
