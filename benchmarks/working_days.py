"""Deadlines per second for add_working_days with n = 5, 30, 300 over 2020-2035.

Target (issue 2): >= 200,000 deadlines per second, and n = 300 no more than 2x slower
than n = 5 (the calendar precomputes running counts; nothing steps day by day).

    python benchmarks/working_days.py [CALLS]     (CALLS: deadlines per run, default 300,000;
                                                 .ci/run smoke-runs it with a small number)
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

# The repository root on the path: the app's core imports without installing the app.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tiep_xuc_doi_thoai.core.calendar import WorkingCalendar

TARGET_PER_SECOND = 200_000
MAX_RATIO = 2.0
CALLS = 300_000


def main() -> int:
	calls = int(sys.argv[1]) if len(sys.argv) > 1 else CALLS
	t0 = time.perf_counter()
	cal = WorkingCalendar(first_year=2019, last_year=2037)
	build = time.perf_counter() - t0
	rng = random.Random(20261122)
	first = dt.date(2020, 1, 1).toordinal()
	last = dt.date(2035, 12, 31).toordinal()
	starts = [dt.date.fromordinal(rng.randint(first, last)) for _ in range(calls)]
	add = cal.add_working_days
	rates: dict[int, float] = {}
	for n in (5, 30, 300):
		best = 0.0
		for _ in range(3):
			t0 = time.perf_counter()
			for start in starts:
				add(start, n)
			best = max(best, calls / (time.perf_counter() - t0))
		rates[n] = best
		print(f"add_working_days n={n:>3}: {best:>12,.0f} deadlines/s")
	ratio = rates[5] / rates[300]
	print(f"calendar build 2019-2037: {build * 1000:.0f} ms")
	print(f"slowdown n=300 vs n=5: {ratio:.2f}x (target <= {MAX_RATIO}x)")
	ok = min(rates.values()) >= TARGET_PER_SECOND and ratio <= MAX_RATIO
	print(f"target >= {TARGET_PER_SECOND:,}/s: {'MET' if ok else 'NOT MET'}")
	return 0 if ok else 1


if __name__ == "__main__":
	raise SystemExit(main())
