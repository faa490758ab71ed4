"""The app's roles (DESIGN.md "Who uses it"). Names carry the domain so they never collide
with the suite's own roles; an administrator grants them to users in the web UI."""

from __future__ import annotations

from dataclasses import dataclass

MANAGER = "Dialogue Manager"
SECRETARIAT = "Dialogue Secretariat"
UNIT_OFFICER = "Dialogue Unit Officer"
SUPERVISOR = "Dialogue Supervisor"
RECEPTION = "Dialogue Reception Officer"
CONFIDENTIAL = "Dialogue Confidential Access"
# The user another level's site calls this one with: may only file what the link carries.
INTEGRATION = "Dialogue Integration"


@dataclass(frozen=True)
class RoleSpec:
	name: str
	desk_access: bool
	description: str


ROLES: tuple[RoleSpec, ...] = (
	RoleSpec(
		MANAGER, True, "Chủ tịch / Phó Chủ tịch, Bí thư: approves plans, chairs, signs, accepts answers"
	),
	RoleSpec(
		SECRETARIAT, True, "Văn phòng: drafts plans, organizes conferences, records, assigns, follows up"
	),
	RoleSpec(
		UNIT_OFFICER, True, "Cơ quan chuyên môn: sees only its unit's assignments, reports, drafts answers"
	),
	RoleSpec(
		SUPERVISOR, True, "MTTQ, Ban Dân vận, HĐND: reads everything but confidential identity, comments"
	),
	RoleSpec(RECEPTION, True, "Ban Tiếp công dân: records walk-in petitions (Sổ tiếp công dân)"),
	RoleSpec(CONFIDENTIAL, True, "May see a denouncer's identity (Luật Tố cáo 2018 Đ.9, Đ.56)"),
	RoleSpec(INTEGRATION, False, "Another level's site: files transferred petitions, answers and reports"),
)

APP_ROLES = frozenset(r.name for r in ROLES)
