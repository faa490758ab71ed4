from frappe import _


def get_data():
	return {
		"fieldname": "dialogue_plan",
		"transactions": [{"label": _("Conferences"), "items": ["Dialogue Conference"]}],
	}
