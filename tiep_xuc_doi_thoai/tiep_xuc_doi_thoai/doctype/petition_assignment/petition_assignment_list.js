frappe.listview_settings["Petition Assignment"] = {
	add_fields: ["status", "deadline_state", "due_date"],
	get_indicator(doc) {
		const colours = {
			"Past Deadline": "red",
			"Due Soon": "orange",
			"On Track": "blue",
			"Done on Time": "green",
			"Done Late": "yellow",
		};
		if (doc.deadline_state && colours[doc.deadline_state]) {
			return [
				`${__(doc.status, null, "Petition Assignment")} · ${__(doc.deadline_state, null, "Petition Assignment")}`,
				colours[doc.deadline_state],
				`deadline_state,=,${doc.deadline_state}`,
			];
		}
		return [__(doc.status, null, "Petition Assignment"), "gray", `status,=,${doc.status}`];
	},
};
