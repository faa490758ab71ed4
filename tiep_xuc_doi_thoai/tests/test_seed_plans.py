"""The five real plans (their text in seed_plans/*.txt, as published), entered through the API and
read back complete."""

from __future__ import annotations

import json
import re
from pathlib import Path

import frappe
import frappe.client

from tiep_xuc_doi_thoai.core import roles
from tiep_xuc_doi_thoai.core.vietnamese import format_place_date
from tiep_xuc_doi_thoai.tests.factories import enter_seed_plan, make_user
from tiep_xuc_doi_thoai.tests.utils import DialogueTestCase

# each seed_NNN.json (what is entered) beside the plan's published text it was read from
SEED_PLANS = Path(__file__).resolve().parent / "seed_plans"
TABLES = ("legal_bases", "sessions", "responsibilities", "additional_sections", "recipients", "participants")


def load_seeds() -> list[dict]:
	return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SEED_PLANS.glob("seed_*.json"))]


def seed_text(seed: dict) -> str:
	return re.sub(r"[*#]", "", (SEED_PLANS / seed["seed"]).read_text(encoding="utf-8"))


def norm(value):
	return re.sub(r"\s+", " ", str(value)).strip() if isinstance(value, str) else value


class TestSeedPlans(DialogueTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.secretariat = make_user("seed.secretariat@example.com", [roles.SECRETARIAT]).name

	def enter(self, seed: dict) -> dict:
		name = enter_seed_plan(seed, self.secretariat)
		frappe.set_user(self.secretariat)
		return frappe.client.get("Dialogue Plan", name)

	def test_there_are_five_seed_plans(self):
		self.assertEqual(len(load_seeds()), 5)

	def test_each_seed_plan_reads_back_complete(self):
		for seed in load_seeds():
			with self.subTest(seed=seed["seed"]):
				saved = self.enter(seed)
				plan = seed["plan"]
				for field, value in plan.items():
					if field in TABLES or field == "doctype":
						continue
					got = saved.get(field)
					if field == "plan_date" and got:
						got = str(got)
					self.assertEqual(norm(got), norm(value), f"{seed['seed']}: {field}")
				for table in TABLES:
					rows = plan.get(table) or []
					self.assertEqual(len(saved.get(table) or []), len(rows), f"{seed['seed']}: {table}")
					for want, got in zip(rows, saved.get(table) or [], strict=True):
						for key, value in want.items():
							self.assertEqual(
								norm(got.get(key)), norm(value), f"{seed['seed']}: {table}.{key}"
							)
				frappe.set_user("Administrator")

	def test_seed_plans_match_the_seed_documents(self):
		for seed in load_seeds():
			text = seed_text(seed)
			saved = self.enter(seed)
			flat = norm(text)
			self.assertIn(norm(saved["title"]), flat)
			self.assertIn(saved["signer_name"], flat)
			for row in saved["recipients"]:
				self.assertIn(norm(row["recipient"]), flat, f"{seed['seed']}: recipient")
			if seed["number_line"]:
				self.assertEqual(f"Số: {saved['number_and_symbol']}", seed["number_line"])
			if saved.get("plan_date"):
				line = format_place_date(saved["place_name"], frappe.utils.getdate(saved["plan_date"]))
				self.assertEqual(norm(line), norm(seed["place_date_line"]))
			frappe.set_user("Administrator")
