"""The workspace's Dashboard Charts as Frappe syncs them: standard, in the module, each on a
doctype or a report of the app, and every chart the workspace names exists on disk."""

import json

from tests.apptree import MODULE, load_json

CHARTS = sorted((MODULE / "dashboard_chart").glob("*/*.json"))
REPORTS = {load_json(p)["name"] for p in (MODULE / "report").glob("*/*.json")}


def test_charts_are_standard_and_point_at_the_app():
	assert len(CHARTS) >= 5
	for path in CHARTS:
		chart = load_json(path)
		assert chart["doctype"] == "Dashboard Chart" and chart["is_standard"] == 1, path
		assert chart["module"] == "Tiep Xuc Doi Thoai", path
		assert path.stem == chart["name"].lower().replace(" ", "_").replace("-", "_"), path
		assert not chart.get("roles"), "rights come from the doctype or report, not the chart"
		if chart["chart_type"] == "Report":
			assert chart["report_name"] in REPORTS, path
			if not chart.get("use_report_chart"):
				assert chart["x_field"] and chart["y_axis"], path
		else:
			assert chart["chart_type"] in ("Count", "Group By"), "charts go through get_list"
			assert (MODULE / "doctype" / chart["document_type"].lower().replace(" ", "_")).is_dir()


def test_the_workspace_shows_every_chart():
	ws = load_json(MODULE / "workspace" / "citizen_dialogue" / "citizen_dialogue.json")
	names = {load_json(p)["name"] for p in CHARTS}
	linked = {c["chart_name"] for c in ws["charts"]}
	in_content = {b["data"]["chart_name"] for b in json.loads(ws["content"]) if b["type"] == "chart"}
	assert linked == names == in_content
