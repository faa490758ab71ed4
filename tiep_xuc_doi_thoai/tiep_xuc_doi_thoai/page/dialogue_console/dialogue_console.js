// Copyright (c) 2026, tiep_xuc_doi_thoai developers
// License: MIT. See license.txt
//
// The secretary's console during a conference. Keyboard first:
//   ↑ / ↓ (or Alt+↑ / Alt+↓ while typing): previous / next speaker
//   Ctrl+Enter: save the speech (in the speech box) or the reply (in the reply box)
//   Alt+N: a speaker who did not register    Alt+T: start / stop the timer
// Entries not yet saved wait in the browser (localStorage) and are sent again, each with
// its own key, so a dropped connection loses nothing and a retry creates nothing twice.

const CONSOLE_API = "tiep_xuc_doi_thoai.api.conference_console";
const MAX_FAILURES = 5; // server errors in a row before an entry waits for a reload

frappe.pages["dialogue-console"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({
		parent: wrapper,
		title: __("Conference Console"),
		single_column: true,
	});
	wrapper.console = new DialogueConsole(page, wrapper);
};

frappe.pages["dialogue-console"].on_page_show = function (wrapper) {
	const name = frappe.get_route()[1] || (frappe.route_options || {}).conference;
	frappe.route_options = null;
	if (name && wrapper.console) wrapper.console.load(name);
};

class DialogueConsole {
	constructor(page, wrapper) {
		this.page = page;
		this.wrapper = wrapper;
		this.current = null;
		this.timer = { started: null, handle: null };
		this.conference_field = page.add_field({
			fieldname: "conference",
			label: __("Conference"),
			fieldtype: "Link",
			options: "Dialogue Conference",
			change: () => {
				const value = this.conference_field.get_value();
				if (value && value !== this.name) frappe.set_route("dialogue-console", value);
			},
		});
		page.set_primary_action(__("Draft Minutes"), () => this.draft_minutes());
		page.add_inner_button(
			__("Open Conference"),
			() => this.name && frappe.set_route("Form", "Dialogue Conference", this.name)
		);
		this.$body = $(`<div class="txdt-console"></div>`).appendTo(page.main);
		this.$body.html(`<p class="text-muted">${__("Choose a conference.")}</p>`);
		$(window).on("online", () => this.flush());
		setInterval(() => this.flush(), 8000);
		this.add_shortcuts();
	}

	// -- the queue kept in the browser ------------------------------------------------------
	queue_key() {
		return `txdt-console-queue-${this.name}`;
	}
	get_queue() {
		try {
			return JSON.parse(localStorage.getItem(this.queue_key()) || "[]");
		} catch (e) {
			return [];
		}
	}
	set_queue(items) {
		localStorage.setItem(this.queue_key(), JSON.stringify(items));
		this.render_queue_state();
	}
	enqueue(entry) {
		const items = this.get_queue().filter((i) => i.key !== entry.key);
		items.push(entry);
		this.set_queue(items);
		return this.flush();
	}
	async flush() {
		if (!this.name || this.flushing || !this.get_queue().length) return;
		this.flushing = true;
		let sent = false;
		try {
			for (const entry of this.get_queue()) {
				if (entry.kind === "reply" && !entry.args.petition) {
					const saved = (this.data.speakers || []).find(
						(s) => s.client_key === entry.speech_key
					);
					if (!saved || !saved.petition) continue; // its speech is not saved yet
					entry.args.petition = saved.petition;
				}
				if ((entry.failures || 0) >= MAX_FAILURES) continue;
				const r = await this.send(entry.method, entry.args);
				if (r.ok || r.refused) {
					sent = true;
					// Saved, or refused by the server (shown to the user): either way it leaves the queue.
					this.set_queue(this.get_queue().filter((i) => i.key !== entry.key));
					if (r.ok && entry.kind === "speech")
						this.remember_petition(entry, r.message.petition);
				} else if (r.offline) {
					break; // no connection: everything waits for the next try
				} else {
					entry.failures = (entry.failures || 0) + 1;
					this.set_queue(this.get_queue().map((i) => (i.key === entry.key ? entry : i)));
				}
			}
		} finally {
			this.flushing = false;
		}
		if (sent && !this.get_queue().length) await this.refresh().catch(() => null);
	}
	send(method, args) {
		return new Promise((resolve) => {
			frappe.call({
				method: `${CONSOLE_API}.${method}`,
				args,
				type: "POST",
				callback: (r) => resolve({ ok: true, message: r.message }),
				error: (r) =>
					resolve({
						ok: false,
						offline: !r ? false : r.status === 0 || r.readyState === 0,
						refused: !!(r && (r.exc || r.exc_type || r._server_messages)),
					}),
			});
		});
	}
	remember_petition(entry, petition) {
		const s = (this.data.speakers || []).find((x) => x.row === entry.args.row);
		if (s) Object.assign(s, { petition, client_key: entry.key, spoke: 1 });
	}

	// -- loading and drawing ------------------------------------------------------------------
	async load(name) {
		this.name = name;
		this.conference_field.set_value(name);
		await this.refresh();
		this.flush();
	}
	async refresh() {
		if (!this.name) return;
		this.data = await frappe.xcall(`${CONSOLE_API}.get_console`, { conference: this.name });
		for (const entry of this.get_queue()) {
			if (entry.kind !== "speech") continue;
			const s = this.data.speakers.find((x) => x.row === entry.args.row);
			if (s) Object.assign(s, { pending: true, client_key: entry.key });
		}
		this.render();
	}
	render() {
		const d = this.data;
		const esc = frappe.utils.escape_html;
		this.page.set_title(`${__("Conference Console")}: ${esc(d.topic || d.name)}`);
		this.page.set_indicator(d.status_label, d.recording ? "green" : "gray");
		const rows = d.speakers
			.map((s, i) => {
				const state = s.reply
					? `<span class="indicator-pill green">${s.reply.mode === "answered" ? __("Answered", null, "Citizen Petition") : __("To Be Resolved")}</span>`
					: s.pending
						? `<span class="indicator-pill orange">${__("Waiting to send")}</span>`
						: s.spoke
							? `<span class="indicator-pill blue">${__("Spoke")}</span>`
							: "";
				return `<tr class="txdt-speaker ${this.current === i ? "table-active" : ""}" data-index="${i}" style="cursor:pointer">
					<td>${s.order || ""}</td><td><b>${esc(s.speaker_name || "")}</b><div class="text-muted small">${esc(s.topic || "")}</div></td>
					<td>${s.minutes_requested ? __("{0} min", [s.minutes_requested]) : ""}</td><td>${state}</td></tr>`;
			})
			.join("");
		this.$body.html(`
			<div class="row">
				<div class="col-md-5">
					<div class="text-muted mb-1">${esc(frappe.datetime.str_to_user(d.conference_date))} · ${esc(d.place || "")}
						· ${__("Chair")}: ${esc(d.chair || "—")}</div>
					<div class="txdt-queue-state small mb-2"></div>
					<table class="table table-sm table-hover border"><thead><tr>
						<th>${__("Order", null, "Dialogue Speaker Registration")}</th><th>${__("Speaker")}</th><th>${__("Time")}</th><th style="width: 9rem"></th></tr></thead>
						<tbody>${rows || `<tr><td colspan="4" class="text-muted">${__("No registered speakers.")}</td></tr>`}</tbody></table>
					<button class="btn btn-default btn-sm txdt-add-speaker">${__("Add a speaker who did not register")} (Alt+N)</button>
					<p class="text-muted small mt-3">${__("Keys: ↑/↓ speaker, Ctrl+Enter save, Alt+T timer, Alt+N new speaker.")}</p>
				</div>
				<div class="col-md-7 txdt-current"></div>
			</div>`);
		this.$body
			.find(".txdt-speaker")
			.on("click", (e) => this.select(cint($(e.currentTarget).data("index"))));
		this.$body.find(".txdt-add-speaker").on("click", () => this.add_speaker());
		this.render_queue_state();
		if (this.current !== null && d.speakers[this.current]) this.render_current();
		else if (d.speakers.length)
			this.select(
				d.speakers.findIndex((s) => !s.spoke) >= 0
					? d.speakers.findIndex((s) => !s.spoke)
					: 0
			);
	}
	render_queue_state() {
		const n = this.get_queue().length;
		this.$body &&
			this.$body
				.find(".txdt-queue-state")
				.html(
					n
						? `<span class="indicator-pill orange">${__("{0} entries waiting to be sent", [n])}</span>`
						: `<span class="indicator-pill green">${__("All saved")}</span>`
				);
	}
	select(index) {
		if (!this.data || index < 0 || index >= this.data.speakers.length) return;
		this.current = index;
		this.$body.find(".txdt-speaker").removeClass("table-active");
		this.$body.find(`.txdt-speaker[data-index="${index}"]`).addClass("table-active");
		this.stop_timer(true);
		this.render_current();
	}
	render_current() {
		const s = this.data.speakers[this.current];
		const esc = frappe.utils.escape_html;
		const $c = this.$body.find(".txdt-current");
		const saved = s.petition || s.pending;
		$c.html(`
			<div class="card p-3 mb-3">
				<div class="d-flex justify-content-between">
					<h4>${esc(s.speaker_name)} <small class="text-muted">${esc(s.address || "")}</small></h4>
					<div><span class="txdt-timer h4">00:00</span> <span class="text-muted">/ ${s.minutes_requested || "—"} ${__("min", null, "Dialogue Conference")}</span>
					<button class="btn btn-xs btn-default txdt-timer-btn">${__("Timer")} (Alt+T)</button></div>
				</div>
				<label>${__("What the speaker said")}</label>
				<textarea class="form-control txdt-content" rows="5" ${saved ? "disabled" : ""}>${esc(s.pending_content || s.said || (saved ? "" : s.topic || ""))}</textarea>
				<label class="mt-2 mr-3"><input type="checkbox" class="txdt-consent" ${saved ? "disabled" : ""}> ${__(
					"The speaker agrees that the name appears in the published results"
				)}</label>
				<label class="mt-2"><input type="checkbox" class="txdt-denunciation" ${saved ? "disabled" : ""}> ${__(
					"Denunciation (identity kept secret)"
				)}</label>
				<div class="mt-2 txdt-updates">
					<label><input type="checkbox" class="txdt-notify" ${saved ? "disabled" : ""}> ${__(
						"The speaker agrees to receive updates by SMS or e-mail"
					)}</label>
					<div class="d-flex" style="gap: 8px;">
						<input type="tel" class="form-control txdt-notify-phone" aria-label="${__("Phone for Updates")}" placeholder="${__("Phone for Updates")}" ${saved ? "disabled" : ""}>
						<input type="email" class="form-control txdt-notify-email" aria-label="${__("E-mail for Updates")}" placeholder="${__("E-mail for Updates")}" ${saved ? "disabled" : ""}>
					</div>
				</div>
				<div class="mt-2">${
					s.petition
						? `<a href="/app/citizen-petition/${encodeURIComponent(s.petition)}">${esc(s.petition)}</a> ${__("saved")}`
						: s.pending
							? __("Waiting to be sent")
							: `<button class="btn btn-primary btn-sm txdt-save-speech">${__("Save Speech")} (Ctrl+Enter)</button>`
				}</div>
			</div>
			<div class="card p-3 txdt-reply" ${saved ? "" : 'style="opacity:.5"'}>
				<label>${__("The chair's reply")}</label>
				<div class="mb-2">
					<label class="mr-3"><input type="radio" name="txdt-mode" value="answered" checked> ${__("Answered on the spot")}</label>
					<label><input type="radio" name="txdt-mode" value="to_resolve"> ${__("To be resolved")}</label>
				</div>
				<textarea class="form-control txdt-reply-text" rows="3" placeholder="${__("Answer, or the conclusion to resolve")}">${esc((s.reply && s.reply.text) || "")}</textarea>
				<label class="mt-2 txdt-publish-field"><input type="checkbox" class="txdt-publish"> ${__("Publish this answer with the results")}</label>
				<div class="row mt-2 txdt-resolve-fields">
					<div class="col-md-7 txdt-unit"></div><div class="col-md-5 txdt-due"></div>
				</div>
				<button class="btn btn-default btn-sm txdt-save-reply" ${saved ? "" : "disabled"}>${__("Save Reply")} (Ctrl+Enter)</button>
			</div>`);
		this.unit = frappe.ui.form.make_control({
			parent: $c.find(".txdt-unit"),
			df: {
				fieldtype: "Link",
				options: "Dialogue Unit",
				label: __("Responsible Unit"),
				fieldname: "unit",
			},
			render_input: true,
		});
		this.due = frappe.ui.form.make_control({
			parent: $c.find(".txdt-due"),
			df: {
				fieldtype: "Date",
				label: __("Due Date", null, "Dialogue Conclusion"),
				fieldname: "due",
			},
			render_input: true,
		});
		if (s.reply) {
			$c.find(`input[name=txdt-mode][value=${s.reply.mode}]`).prop("checked", true);
			this.unit.set_value(s.reply.unit || "");
			this.due.set_value(s.reply.due_date || "");
		}
		const toggle = () => {
			const resolve = $c.find("input[name=txdt-mode]:checked").val() === "to_resolve";
			$c.find(".txdt-resolve-fields").toggle(resolve);
			$c.find(".txdt-publish-field").toggle(!resolve);
		};
		$c.find("input[name=txdt-mode]").on("change", toggle);
		toggle();
		$c.find(".txdt-save-speech").on("click", () => this.save_speech());
		$c.find(".txdt-save-reply").on("click", () => this.save_reply());
		$c.find(".txdt-timer-btn").on("click", () => this.toggle_timer());
		$c.find(".txdt-content").on("keydown", (e) => {
			if (e.ctrlKey && e.key === "Enter") {
				e.preventDefault();
				this.save_speech();
			}
		});
		$c.find(".txdt-reply-text").on("keydown", (e) => {
			if (e.ctrlKey && e.key === "Enter") {
				e.preventDefault();
				this.save_reply();
			}
		});
		(saved ? $c.find(".txdt-reply-text") : $c.find(".txdt-content")).trigger("focus");
	}

	// -- actions ---------------------------------------------------------------------------------
	save_speech() {
		const s = this.data.speakers[this.current];
		const content = (this.$body.find(".txdt-content").val() || "").trim();
		if (!content || s.petition || s.pending) return;
		const key = frappe.utils.get_random(20);
		Object.assign(s, { pending: true, client_key: key, pending_content: content });
		this.stop_timer();
		this.enqueue({
			key,
			kind: "speech",
			method: "record_speech",
			args: {
				conference: this.name,
				client_key: key,
				row: s.row,
				speaker_name: s.speaker_name,
				address: s.address,
				content,
				public_consent: this.$body.find(".txdt-consent").is(":checked") ? 1 : 0,
				petition_type: this.$body.find(".txdt-denunciation").is(":checked")
					? "Denunciation"
					: "Recommendation",
				notify_consent: this.$body.find(".txdt-notify").is(":checked") ? 1 : 0,
				notify_phone: this.$body.find(".txdt-notify-phone").val() || "",
				notify_email: this.$body.find(".txdt-notify-email").val() || "",
			},
		});
		this.render_current();
	}
	save_reply() {
		const s = this.data.speakers[this.current];
		if (!(s.petition || s.pending)) return;
		const mode = this.$body.find("input[name=txdt-mode]:checked").val();
		const text = (this.$body.find(".txdt-reply-text").val() || "").trim();
		if (!text) return;
		const args = { petition: s.petition, mode, text };
		if (mode === "answered")
			args.publish = this.$body.find(".txdt-publish").is(":checked") ? 1 : 0;
		if (mode === "to_resolve") {
			args.responsible_unit = this.unit.get_value();
			args.due_date = this.due.get_value();
			if (!args.responsible_unit || !args.due_date) {
				frappe.show_alert({
					message: __(
						"A matter to be resolved needs the responsible unit and the due date."
					),
					indicator: "red",
				});
				return;
			}
		}
		s.reply = { mode, text, unit: args.responsible_unit, due_date: args.due_date };
		this.enqueue({
			key: `reply-${s.client_key || s.petition}`,
			kind: "reply",
			method: "record_reply",
			speech_key: s.client_key,
			args,
		});
		frappe.show_alert({ message: __("Reply kept"), indicator: "green" });
		if (this.current + 1 < this.data.speakers.length) this.select(this.current + 1);
	}
	add_speaker() {
		frappe.prompt(
			[
				{ fieldname: "speaker_name", fieldtype: "Data", label: __("Speaker"), reqd: 1 },
				{
					fieldname: "address",
					fieldtype: "Data",
					label: __("Address", null, "Citizen Petition"),
				},
				{ fieldname: "topic", fieldtype: "Small Text", label: __("Topic"), reqd: 1 },
			],
			async (v) => {
				const r = await frappe.xcall(`${CONSOLE_API}.add_speaker`, {
					conference: this.name,
					...v,
				});
				await this.refresh();
				this.select(this.data.speakers.findIndex((s) => s.row === r.row));
			},
			__("A speaker who did not register"),
			__("Add")
		);
	}
	draft_minutes() {
		if (!this.name) return;
		const run = (overwrite) =>
			frappe
				.xcall(`${CONSOLE_API}.draft_minutes`, { conference: this.name, overwrite })
				.then(() => frappe.set_route("Form", "Dialogue Conference", this.name));
		frappe.db.get_value("Dialogue Conference", this.name, "minutes").then((r) => {
			if ((r.message && r.message.minutes) || "") {
				frappe.confirm(
					__(
						"The minutes already have text. Replace it with a new draft from the record?"
					),
					() => run(1)
				);
			} else run(0);
		});
	}

	// -- the timer ----------------------------------------------------------------------------
	toggle_timer() {
		if (this.timer.handle) this.stop_timer();
		else this.start_timer();
	}
	start_timer() {
		const s = this.data.speakers[this.current];
		this.timer.started = Date.now();
		this.timer.handle = setInterval(() => {
			const secs = Math.floor((Date.now() - this.timer.started) / 1000);
			const over = s.minutes_requested && secs > s.minutes_requested * 60;
			this.$body
				.find(".txdt-timer")
				.text(
					`${String(Math.floor(secs / 60)).padStart(2, "0")}:${String(secs % 60).padStart(2, "0")}`
				)
				.toggleClass("text-danger", !!over);
		}, 500);
	}
	stop_timer(reset) {
		clearInterval(this.timer.handle);
		this.timer.handle = null;
		if (reset) this.$body.find(".txdt-timer").text("00:00").removeClass("text-danger");
	}

	add_shortcuts() {
		// Frappe's shortcuts: bound to this page (only while it shows) and listed in its
		// keyboard-shortcut dialog. Arrows move between speakers unless the user is typing;
		// with Alt they move while typing too.
		const page = this.page;
		const condition = () => !!this.data;
		const move = (step) => () => this.select(this.current + step);
		for (const [shortcut, action, description, ignore_inputs] of [
			["alt+n", () => this.add_speaker(), __("Add a speaker"), true],
			["alt+t", () => this.toggle_timer(), __("Start or stop the timer"), true],
			["down", move(1), __("Next speaker"), false],
			["up", move(-1), __("Previous speaker"), false],
			["alt+down", move(1), __("Next speaker"), true],
			["alt+up", move(-1), __("Previous speaker"), true],
		]) {
			frappe.ui.keys.add_shortcut({
				shortcut,
				action,
				description,
				page,
				condition,
				ignore_inputs,
			});
		}
	}
}
