"""Rows per second writing the petition register (sổ theo dõi ý kiến, kiến nghị) to Excel.

50,000 synthetic petitions go through core.excel.write_register (title rows, two header
rows, borders, formats, totals) and, in the same run, through a plain openpyxl write-only
dump of the same cell values (no styles, no heading): the baseline.

Targets (issue 6): the register within 1.5x of the baseline's time; memory flat (rows are
streamed: peak traced memory far below what holding the rows would take).

    python benchmarks/excel_register.py [rows]
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook

from tiep_xuc_doi_thoai.core.excel import (
	PETITION_REGISTER,
	RegisterHeading,
	period_line,
	timeliness,
	write_register,
)

ROWS = 50_000
MAX_RATIO = 1.5
MAX_PEAK_MB = 64  # traced Python memory; the rows themselves are never all held

AREAS = ("Đất đai", "Giao thông", "Môi trường", "Chính sách xã hội", "Y tế", "Giáo dục")
SOURCES = ("Hội nghị đối thoại", "MTTQ chuyển đến", "Tiếp công dân", "Đơn thư")
TYPES = ("Kiến nghị", "Phản ánh", "Khiếu nại", "Tố cáo")
UNITS = ("UBND xã", "Công an xã", "Văn phòng HĐND và UBND", "Trạm Y tế", "Địa chính - Xây dựng")


def petitions(n: int) -> Iterator[dict]:
	start = dt.date(2025, 1, 1)
	for i in range(n):
		received = start + dt.timedelta(days=i % 360)
		due = received + dt.timedelta(days=15)
		answered = received + dt.timedelta(days=(i * 7) % 25) if i % 4 else None
		yield {
			"received_on": received,
			"petitioner": f"Nguyễn Văn Hùng {i}",
			"address": f"Thôn {i % 12 + 1}, xã Đường An, huyện An Dương",
			"source": SOURCES[i % len(SOURCES)],
			"summary": "Đề nghị sửa chữa tuyến đường liên thôn bị xuống cấp, đọng nước khi trời mưa, "
			"ảnh hưởng đến việc đi lại của Nhân dân.",
			"area": AREAS[i % len(AREAS)],
			"petition_type": TYPES[i % len(TYPES)],
			"unit": UNITS[i % len(UNITS)],
			"due_date": due,
			"answered_on": answered,
			"result": "Đã trả lời bằng văn bản" if answered else "",
			"timeliness": timeliness(due, answered),
			"note": "",
		}


def plain_dump(path: str, n: int) -> None:
	"""The baseline: the same values, one ws.append per row, nothing else."""
	keys = [c.key for c in PETITION_REGISTER.columns]
	wb = Workbook(write_only=True)
	ws = wb.create_sheet("plain")
	for i, row in enumerate(petitions(n), start=1):
		values = [row.get(k) for k in keys]
		values[0] = i
		ws.append([v if v != "" else None for v in values])
	wb.save(path)


def register(path: str, n: int) -> None:
	heading = RegisterHeading(
		agency="Ủy ban nhân dân xã Đường An",
		parent="UBND huyện An Dương",
		period=period_line(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
	)
	write_register(path, PETITION_REGISTER, petitions(n), heading)


def timed(fn, path: str, n: int) -> float:
	t0 = time.perf_counter()
	fn(path, n)
	return time.perf_counter() - t0


def traced_peak_mb(fn, path: str, n: int) -> float:
	tracemalloc.start()
	try:
		fn(path, n)
		return tracemalloc.get_traced_memory()[1] / 2**20
	finally:
		tracemalloc.stop()


def main() -> int:
	n = int(sys.argv[1]) if len(sys.argv) > 1 else ROWS
	with tempfile.TemporaryDirectory() as tmp:
		plain_path = os.path.join(tmp, "plain.xlsx")
		register_path = os.path.join(tmp, "register.xlsx")
		# Warm up imports and caches, then alternate to even out noise; keep the best of 3.
		plain_dump(plain_path, 200)
		register(register_path, 200)
		plain_times, register_times = [], []
		for _ in range(3):
			plain_times.append(timed(plain_dump, plain_path, n))
			register_times.append(timed(register, register_path, n))
		plain_s, register_s = min(plain_times), min(register_times)
		size_mb = os.path.getsize(register_path) / 2**20
		peak_plain = traced_peak_mb(plain_dump, plain_path, n // 5)
		peak_register = traced_peak_mb(register, register_path, n // 5)
		peak_register_full = traced_peak_mb(register, register_path, n)
	maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

	ratio = register_s / plain_s
	flat = peak_register_full < 2 * peak_register + 4  # 5x the rows, about the same memory
	print(f"rows: {n:,}")
	print(f"plain openpyxl write-only dump: {plain_s:.2f} s, {n / plain_s:,.0f} rows/s")
	print(
		f"register (core.excel):          {register_s:.2f} s, {n / register_s:,.0f} rows/s ({size_mb:.1f} MB)"
	)
	print(
		f"ratio register/plain: {ratio:.2f}x (target <= {MAX_RATIO}x): {'MET' if ratio <= MAX_RATIO else 'NOT MET'}"
	)
	print(
		f"peak traced memory: plain {peak_plain:.1f} MB and register {peak_register:.1f} MB at {n // 5:,} rows; "
		f"register {peak_register_full:.1f} MB at {n:,} rows"
	)
	print(
		f"memory flat (5x rows, < 2x memory) and under {MAX_PEAK_MB} MB: "
		f"{'MET' if flat and peak_register_full < MAX_PEAK_MB else 'NOT MET'}"
	)
	print(f"process max RSS: {maxrss_mb:.0f} MB")
	return 0 if ratio <= MAX_RATIO and flat and peak_register_full < MAX_PEAK_MB else 1


if __name__ == "__main__":
	sys.exit(main())
