// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt

const STATE_COLOURS = {
	"On Track": "blue",
	"Due Soon": "orange",
	"Past Deadline": "red",
	"Done on Time": "green",
	"Done Late": "yellow",
};

frappe.ui.form.on("Dialogue Conference", {
	onload(frm) {
		// Frappe gives every Time field of a new document the current time: start from the
		// usual half-day session instead.
		if (frm.is_new() && !frm.doc.__time_defaults_set) {
			frm.doc.__time_defaults_set = 1;
			frm.set_value({ start_time: "08:00:00", end_time: "11:30:00" });
		}
	},
	refresh(frm) {
		// shared helpers: public/js/tiep_xuc_doi_thoai.bundle.js
		tiep_xuc_doi_thoai.nd30_pdf.add_button(frm);
		tiep_xuc_doi_thoai.signing.add_button(frm);
		tiep_xuc_doi_thoai.registers.add_results_annex_button(frm, "dialogue_conference");
		set_session_options(frm);
		show_deadlines(frm);
		add_conference_day_buttons(frm);
		const unassigned = (frm.doc.conclusions || []).filter(
			(r) => r.responsible_unit && !r.assignment
		);
		if (!frm.is_new() && unassigned.length && frappe.model.can_create("Petition Assignment")) {
			frm.add_custom_button(__("Assign Conclusions"), () =>
				frm.call("make_assignments").then(({ message }) => {
					frappe.show_alert({
						message: __("{0} assignments created", [(message || []).length]),
						indicator: "green",
					});
					frm.reload_doc();
				})
			);
		}
	},
	dialogue_plan(frm) {
		set_session_options(frm);
	},
	plan_session(frm) {
		if (!frm.doc.plan_session || !frm.doc.dialogue_plan) return;
		frappe.db.get_doc("Dialogue Plan", frm.doc.dialogue_plan).then((plan) => {
			const row = (plan.sessions || []).find(
				(r) => r.session_title === frm.doc.plan_session
			);
			if (!row) return;
			if (row.expected_date && !frm.doc.conference_date)
				frm.set_value("conference_date", row.expected_date);
			if (row.place && !frm.doc.place) frm.set_value("place", row.place);
			if (!frm.doc.topic) frm.set_value("topic", row.topic || row.session_title);
		});
	},
});

frappe.ui.form.on("Dialogue Attendance", {
	attendee_count(frm) {
		const total = (frm.doc.attendance || []).reduce((s, r) => s + (r.attendee_count || 0), 0);
		frm.set_value("total_attendance", total);
	},
});

function set_session_options(frm) {
	if (!frm.doc.dialogue_plan) return;
	frappe.db.get_doc("Dialogue Plan", frm.doc.dialogue_plan).then((plan) => {
		frm.set_df_property(
			"plan_session",
			"options",
			(plan.sessions || []).map((r) => r.session_title)
		);
	});
}

function show_deadlines(frm) {
	if (frm.is_new()) return;
	frm.call("deadline_overview").then(({ message }) => {
		(message || []).forEach((d) => {
			const when = frappe.datetime.str_to_user(d.due);
			let text = `${__(d.label)}: ${when}`;
			if (d.done_on) text += ` · ${__("done")} ${frappe.datetime.str_to_user(d.done_on)}`;
			else if (d.days_left !== null && d.days_left >= 0)
				text += ` · ${__("{0} working days left", [d.days_left])}`;
			else if (d.days_left !== null)
				text += ` · ${__("{0} working days late", [-d.days_left])}`;
			frm.dashboard.add_indicator(text, STATE_COLOURS[d.state] || "gray");
		});
	});
}

// The conference day and after: the console, the minutes drafted from the record, and
// publishing the results (the server refuses what the user may not do, with the reason).
function add_conference_day_buttons(frm) {
	if (frm.is_new()) return;
	const day = __("Conference Day");
	frm.add_custom_button(
		__("Open Console"),
		() => frappe.set_route("dialogue-console", frm.doc.name),
		day
	);
	if (frm.perm[0] && frm.perm[0].write) {
		frm.add_custom_button(
			__("Draft Minutes"),
			() => {
				const run = (overwrite) =>
					frm.call("draft_minutes", { overwrite }).then(() => frm.reload_doc());
				if ((frm.doc.minutes || "").trim()) {
					frappe.confirm(
						__(
							"The minutes already have text. Replace it with a new draft from the record?"
						),
						() => run(1)
					);
				} else run(0);
			},
			day
		);
	}
	if (frm.perm[2] && frm.perm[2].write && !frm.doc.results_published) {
		frm.add_custom_button(
			__("Publish Results"),
			() =>
				frm.call("publish_results").then(({ message }) => {
					frappe.show_alert({ message: __("Results published"), indicator: "green" });
					frm.reload_doc();
					window.open(message.route);
				}),
			day
		);
	}
	if (frm.doc.results_published) {
		frm.add_custom_button(
			__("Public Results Page"),
			() => window.open(`/ket-qua-doi-thoai/${encodeURIComponent(frm.doc.name)}`),
			day
		);
	}
}
