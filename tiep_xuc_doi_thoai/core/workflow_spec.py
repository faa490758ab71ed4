"""Default approval chains as data. ``setup/workflows.py`` turns each spec into a Frappe
Workflow when the doctype has none, after which the Workflow is the administrator's: a step
added or a role changed in the web UI is never overwritten."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

STYLES = ("", "Primary", "Info", "Success", "Warning", "Danger", "Inverse")


@dataclass(frozen=True)
class State:
	name: str
	doc_status: int  # 0 draft, 1 submitted, 2 cancelled
	allow_edit: str  # the role that may edit the document in this state
	style: str = ""
	update_field: str | None = None
	update_value: str | None = None


@dataclass(frozen=True)
class Transition:
	state: str
	action: str
	next_state: str
	allowed: str  # role
	condition: str | None = None
	allow_self_approval: bool = True


@dataclass(frozen=True)
class WorkflowSpec:
	name: str
	document_type: str
	states: tuple[State, ...]
	transitions: tuple[Transition, ...]
	state_field: str = "workflow_state"
	send_email_alert: bool = False
	# Frappe's "Don't Override Status": the list shows the document's own indicator (status and
	# deadline colour) instead of the bare workflow state.
	keep_status_indicator: bool = False

	@property
	def state_names(self) -> list[str]:
		return [s.name for s in self.states]

	@property
	def actions(self) -> list[str]:
		return sorted({t.action for t in self.transitions})

	@property
	def roles(self) -> set[str]:
		return {s.allow_edit for s in self.states} | {t.allowed for t in self.transitions}

	def problems(self) -> list[str]:
		"""What is wrong with the spec: unknown states, unreachable states, bad doc status moves."""
		out = []
		names = self.state_names
		if len(names) != len(set(names)):
			out.append("duplicate state names")
		by_name = {s.name: s for s in self.states}
		for s in self.states:
			if s.style not in STYLES:
				out.append(f"state {s.name}: unknown style {s.style}")
			if s.doc_status not in (0, 1, 2):
				out.append(f"state {s.name}: doc_status {s.doc_status}")
		for t in self.transitions:
			for st in (t.state, t.next_state):
				if st not in by_name:
					out.append(f"transition {t.action}: unknown state {st}")
			if t.state in by_name and t.next_state in by_name:
				a, b = by_name[t.state].doc_status, by_name[t.next_state].doc_status
				# Frappe allows 0->0, 0->1, 1->1, 1->2 only.
				if (a, b) not in ((0, 0), (0, 1), (1, 1), (1, 2)):
					out.append(f"transition {t.state} -> {t.next_state}: doc status {a} -> {b}")
		if self.states:
			seen = {self.states[0].name}
			queue = deque(seen)
			while queue:
				cur = queue.popleft()
				for t in self.transitions:
					if t.state == cur and t.next_state not in seen:
						seen.add(t.next_state)
						queue.append(t.next_state)
			for s in self.states:
				if s.name not in seen:
					out.append(f"state {s.name} cannot be reached from {self.states[0].name}")
		return out
