"""The texts of the messages to citizens, shipped as Frappe Notification records.

Created only if missing: after install they are the administrator's (*Notification* list,
"Citizen Update: ..."); untick *Enabled* to stop one kind of message. They are never fired by
Frappe's own notification engine (event *Method*, a method nothing calls): the app renders
them for each change (``doctype/citizen_update_message``) with only these names:
``code`` (tracking code), ``status`` (public status), ``agency``, ``link`` (tracking page),
``conference_link``, ``stop_link`` (one-link opt-out), ``date``. No name, no content: a
message can never name a denouncer or what they reported.
"""

from __future__ import annotations

import frappe

from tiep_xuc_doi_thoai.core.citizen_updates import Channel, Event, template_name

METHOD = "notify_citizen_of_change"  # never run: the app sends these itself, once each
STOP = " Ngừng nhận tin: {{ stop_link }}"

# event -> (short text for SMS and the e-mail subject, e-mail body)
TEXTS: dict[Event, tuple[str, str]] = {
	Event.RECEIVED: (
		"{{ agency }} đã nhận ý kiến của bạn, mã {{ code }}.",
		"Tra cứu: {{ link }}",
	),
	Event.FORWARDED: (
		"Ý kiến mã {{ code }} đã được chuyển đến cơ quan có thẩm quyền.",
		"Tra cứu: {{ link }}",
	),
	Event.ASSIGNED: (
		"Ý kiến mã {{ code }} đã được giao đơn vị giải quyết.",
		"Tra cứu: {{ link }}",
	),
	Event.ANSWERED: (
		"Ý kiến mã {{ code }} đã có trả lời.",
		"Xem tại: {{ link }}",
	),
	Event.PUBLISHED: (
		"Kết quả hội nghị đối thoại về ý kiến mã {{ code }} đã được công bố.",
		"Xem tại: {{ conference_link }}",
	),
	Event.SATISFACTION: (
		"Bạn có hài lòng với trả lời ý kiến mã {{ code }}?",
		"Cho biết tại: {{ link }}",
	),
}


def template_values(event: Event, channel: Channel) -> dict:
	short, more = TEXTS[event]
	if channel == Channel.SMS:
		return {
			"message": f"{short} {more}{STOP}",
			"recipients": [{"receiver_by_document_field": "notify_phone"}],
		}
	return {
		"subject": short,
		"message": f"{short}\n{more}\n\n{STOP.strip()}",
		"recipients": [{"receiver_by_document_field": "notify_email"}],
	}


def create_citizen_update_templates() -> list[str]:
	created = []
	for event in Event:
		for channel in Channel:
			name = template_name(event, channel)
			if frappe.db.exists("Notification", name):
				continue
			doc = frappe.get_doc(
				{
					"doctype": "Notification",
					"name": name,
					"enabled": 1,
					"channel": channel.value,
					"document_type": "Citizen Petition",
					"event": "Method",
					"method": METHOD,
					"message_type": "Plain Text",
					**template_values(event, channel),
				}
			)
			doc.insert(ignore_permissions=True)
			created.append(name)
	return created
