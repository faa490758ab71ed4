"""Two levels on one test site: a fake transport that delivers to this site's own receiving
endpoints as the other side's integration user, inside a savepoint (so a refused call leaves
nothing, as a separate site's rolled-back request would), or answers from a script of faults."""

from __future__ import annotations

import json
from typing import Any, ClassVar

import frappe

from tiep_xuc_doi_thoai.core import levels
from tiep_xuc_doi_thoai.core.roles import INTEGRATION, SECRETARIAT
from tiep_xuc_doi_thoai.integrations import receive
from tiep_xuc_doi_thoai.integrations.transport import Reply
from tiep_xuc_doi_thoai.tests.factories import make_unit, make_user

UP_URL = "https://tinh.example.test"
DOWN_URL = "https://xa.example.test"
LINK_UP = "Tỉnh (thử liên thông)"  # on the commune: the province above
LINK_DOWN = "Xã (thử liên thông)"  # on the province: the commune below
COMMUNE_UNIT = "UBND xã Liên Thông (thử)"
PROVINCE_UNIT = "UBND tỉnh Liên Thông (thử)"
USER_FROM_COMMUNE = "integration-commune@levels.test"  # the commune's site calls with it
USER_FROM_PROVINCE = "integration-province@levels.test"
SECRETARY = "secretary@levels.test"


def make_levels() -> None:
	make_unit(COMMUNE_UNIT, abbreviation="UBND", level="Commune")
	make_unit(PROVINCE_UNIT, abbreviation="UBND", level="Province")
	make_user(USER_FROM_COMMUNE, [INTEGRATION])
	make_user(USER_FROM_PROVINCE, [INTEGRATION])
	make_user(SECRETARY, [SECRETARIAT])
	for name, direction, url, local, remote, inbound in (
		(LINK_UP, levels.UPPER, UP_URL, COMMUNE_UNIT, PROVINCE_UNIT, USER_FROM_PROVINCE),
		(LINK_DOWN, levels.LOWER, DOWN_URL, PROVINCE_UNIT, COMMUNE_UNIT, USER_FROM_COMMUNE),
	):
		if frappe.db.exists("Dialogue Site Link", name):
			continue
		frappe.get_doc(
			{
				"doctype": "Dialogue Site Link",
				"link_name": name,
				"direction": direction,
				"site_url": url,
				"local_unit": local,
				"remote_unit": remote,
				"api_key": "key",
				"api_secret": "secret",
				"inbound_user": inbound,
				"enabled": 1,
			}
		).insert(ignore_permissions=True)


class LoopbackTransport:
	"""Posts to this site's endpoints as the caller the URL stands for; ``script`` holds
	faults to answer first (a Reply), or ``"deliver-then-lose"`` to deliver and answer a
	timeout (the answer lost on the way back)."""

	CALLERS: ClassVar[dict[str, str]] = {UP_URL: USER_FROM_COMMUNE, DOWN_URL: USER_FROM_PROVINCE}

	def __init__(self, *script: Any):
		self.script = list(script)
		self.calls: list[tuple[str, dict]] = []

	def post(self, url: str, data: dict[str, Any], auth: tuple[str, str]) -> Reply:
		self.calls.append((url, data))
		step = self.script.pop(0) if self.script else None
		if isinstance(step, Reply):
			return step
		reply = self.deliver(url, data)
		if step == "deliver-then-lose":
			return Reply(None, error=levels.TIMEOUT)
		return reply

	def deliver(self, url: str, data: dict[str, Any], user: str | None = None) -> Reply:
		base, method = url.split(levels.ENDPOINT_PREFIX)
		data = json.loads(levels.canonical(data))  # what the wire carries
		previous = frappe.session.user
		frappe.db.savepoint("txdt_loopback")
		frappe.set_user(user or self.CALLERS[base])
		frappe.clear_messages()
		try:
			return Reply(200, {"message": getattr(receive, method)(**data)})
		except Exception as e:
			frappe.db.rollback(save_point="txdt_loopback")
			status = getattr(e, "http_status_code", 500)
			message = json.dumps({"message": str(e)})
			return Reply(status, {"exc_type": type(e).__name__, "_server_messages": json.dumps([message])})
		finally:
			frappe.clear_messages()
			frappe.set_user(previous)
