// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

// The identity is sealed at rest (permissions/sealing.py): a list shows the mask, never the
// ciphertext, and opens nothing row by row. The form opens one identity (a logged reveal).
const SEALED = (value) => (typeof value === "string" && value.startsWith("enc:") ? "***" : value);

frappe.listview_settings["Petition Identity"] = {
	formatters: Object.fromEntries(
		["petitioner_name", "id_number", "phone", "address", "village", "representative"].map(
			(f) => [f, SEALED]
		)
	),
};
