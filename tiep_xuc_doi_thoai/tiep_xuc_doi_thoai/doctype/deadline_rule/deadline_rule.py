# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from tiep_xuc_doi_thoai.core.deadlines import conflicting_rules
from tiep_xuc_doi_thoai.services.working_calendar import load_rules, rule_from_record


class DeadlineRuleConflictError(frappe.ValidationError):
	pass


class DeadlineRule(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		area: DF.Literal["Any", "Normal", "Remote"]
		complexity: DF.Literal["Any", "Normal", "Complex"]
		day_kind: DF.Literal["Working Days", "Calendar Days"]
		days: DF.Int
		direction: DF.Literal["After", "Before"]
		effective_from: DF.Date | None
		effective_to: DF.Date | None
		enabled: DF.Check
		event: DF.Literal[
			"",
			"Conference Notice",
			"Conference Opinions",
			"Conference Internal Review",
			"Conference Conclusion Notice",
			"Conference Results Published",
			"Petition Processing",
			"Petition Answer",
			"Complaint Acceptance",
			"Complaint Resolution",
			"Denunciation Acceptance",
			"Denunciation Resolution",
		]
		extension_days: DF.Int
		legal_basis: DF.SmallText
		max_extensions: DF.Int
		notes: DF.SmallText | None
		rule_code: DF.Data
		unit: DF.Link | None

	# end: auto-generated types
	def validate(self):
		self.rule_code = (self.rule_code or "").strip()
		self.validate_days()
		self.validate_period()
		self.validate_extensions()
		self.validate_no_conflict()

	def validate_days(self):
		if (self.days or 0) <= 0:
			frappe.throw(
				_("{0} must be more than zero.").format(frappe.bold(_(self.meta.get_label("days")))),
				title=_("Invalid Days"),
			)

	def validate_period(self):
		if (
			self.effective_from
			and self.effective_to
			and getdate(self.effective_to) < getdate(self.effective_from)
		):
			frappe.throw(
				_("{0} cannot be before {1}.").format(
					frappe.bold(_(self.meta.get_label("effective_to"))),
					frappe.bold(_(self.meta.get_label("effective_from"))),
				),
				title=_("Invalid Period"),
			)

	def validate_extensions(self):
		if (self.max_extensions or 0) > 0 and (self.extension_days or 0) <= 0:
			frappe.throw(
				_("Set {0} when extensions are allowed.").format(
					frappe.bold(_(self.meta.get_label("extension_days")))
				),
				title=_("Invalid Extensions"),
			)

	def validate_no_conflict(self):
		"""Two enabled rules with the same scope in force on the same day would make the
		deadline a matter of chance, so the second one is refused."""
		clashes = conflicting_rules(rule_from_record(self.as_dict()), load_rules(self.event))
		if clashes and self.flags.ignore_conflicts_on_install:
			# A shipped default must not fail an install where the admin has a rule of their own.
			self.enabled = 0
			return
		if clashes:
			frappe.throw(
				_(
					"Rule {0} is in force for the same event, complexity, area and unit over an overlapping period. Set Effective To on the older rule or disable it first."
				).format(", ".join(frappe.bold(r.code) for r in clashes)),
				exc=DeadlineRuleConflictError,
				title=_("Overlapping Deadline Rules"),
			)
