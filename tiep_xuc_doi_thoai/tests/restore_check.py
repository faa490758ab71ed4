"""Steps of scripts/check_restore.sh (``bench execute``): a denunciation with its identity and a
confidential letter on the source site, then the same read back on the restored site."""

from __future__ import annotations

import json

import frappe

from tiep_xuc_doi_thoai.permissions import identity, sealed_files, sealing
from tiep_xuc_doi_thoai.tests.factories import make_petition

DENOUNCER = "Hà Thị Khôi Phục"
DENOUNCER_ID = "038190001234"
LETTER = "Đơn tố cáo của Hà Thị Khôi Phục".encode()
LETTER_NAME = "don-to-cao-ha-thi-khoi-phuc.txt"


def seed() -> None:
	"""Prints the JSON the check reads back: petition and file names."""
	petition = make_petition(
		"Tố cáo để kiểm tra sao lưu và phục hồi",
		petition_type="Denunciation",
		petitioner_name=DENOUNCER,
		id_number=DENOUNCER_ID,
	)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": LETTER_NAME,
			"content": LETTER,
			"is_private": 1,
			"attached_to_doctype": "Citizen Petition",
			"attached_to_name": petition.name,
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	print("SEEDED " + json.dumps({"petition": petition.name, "file": file.name}))


def verify(petition: str, file: str) -> None:
	"""Raises unless the identity and the letter open in clear (run as Administrator, who may
	see identities) and the columns and the disk hold only ciphertext."""
	row = frappe.db.get_value(
		"Petition Identity", {"petition": petition}, ["petitioner_name", "id_number"], as_dict=True
	)
	assert row and sealing.is_sealed(row.petitioner_name), "the identity is not sealed"
	clear = identity.unsealed(row)
	assert (clear.petitioner_name, clear.id_number) == (DENOUNCER, DENOUNCER_ID), clear
	doc = frappe.get_doc("File", file)
	assert sealing.is_sealed_content(open(doc.get_full_path(), "rb").read()), "the letter is not sealed"
	assert sealed_files.opened(file) == (LETTER_NAME, LETTER), "the letter does not open"
	frappe.db.rollback()  # the reveal's Access Log is not the point here
	print("ok identity and letter open after the restore")


def cleanup(petition: str) -> None:
	for name in frappe.get_all("File", filters={"attached_to_name": petition}, pluck="name"):
		frappe.delete_doc("File", name, force=True, ignore_permissions=True)
	frappe.delete_doc("Citizen Petition", petition, force=True, ignore_permissions=True)
	frappe.db.commit()
