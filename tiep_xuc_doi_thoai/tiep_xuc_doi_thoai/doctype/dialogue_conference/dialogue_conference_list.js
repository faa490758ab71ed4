frappe.listview_settings["Dialogue Conference"] = {
	add_fields: ["status", "deadline_state", "next_deadline"],
	get_indicator(doc) {
		const colours = {
			"Past Deadline": "red",
			"Due Soon": "orange",
			"On Track": "blue",
			"Done on Time": "green",
			"Done Late": "yellow",
		};
		if (doc.status === "Cancelled")
			return [__("Cancelled", null, "Dialogue Conference"), "gray", "status,=,Cancelled"];
		if (doc.deadline_state && colours[doc.deadline_state]) {
			return [
				`${__(doc.status, null, "Dialogue Conference")} · ${__(doc.deadline_state, null, "Dialogue Conference")}`,
				colours[doc.deadline_state],
				`deadline_state,=,${doc.deadline_state}`,
			];
		}
		return [__(doc.status, null, "Dialogue Conference"), "blue", `status,=,${doc.status}`];
	},
};
