frappe.views.calendar["Dialogue Conference"] = {
	field_map: {
		start: "starts_on",
		end: "ends_on",
		id: "name",
		title: "topic",
		status: "status",
	},
	style_map: {
		Planned: "default",
		Announced: "info",
		Held: "warning",
		Concluded: "success",
		Closed: "success",
		Cancelled: "danger",
	},
	get_events_method: "frappe.desk.calendar.get_events",
};
