// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

frappe.listview_settings["Dialogue Transfer"] = {
	add_fields: ["status", "last_error"],
	get_indicator(doc) {
		const colours = {
			Queued: "blue",
			Sending: "orange",
			Sent: "green",
			Failed: "orange",
			Dead: "red",
		};
		return [__(doc.status), colours[doc.status] || "grey", `status,=,${doc.status}`];
	},
	onload(listview) {
		listview.page.add_action_item(__("Retry"), () => {
			const names = listview.get_checked_items(true);
			Promise.all(
				names.map((name) =>
					frappe.call({
						method: "tiep_xuc_doi_thoai.integrations.outbox.retry",
						args: { name },
					})
				)
			).then(() => listview.refresh());
		});
	},
};
