from frappe import _


def get_data():
	return {
		"fieldname": "conference",
		"transactions": [{"label": _("Citizen Opinions"), "items": ["Citizen Petition"]}],
	}
