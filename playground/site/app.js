// app.js — the playground page: tabs of Squirrel files, the impvm command
// line that runs them, Run/Stop, the output, examples, share links and the
// URL parameters for automation (?example=NAME&run=1, ?code=B64&run=1,
// &name=FILE, &budget=SECONDS). The command runs in worker.js.
"use strict";
(() => {
	const $ = (id) => document.getElementById(id);
	const ui = {
		examples: $("examples"), run: $("run"), stop: $("stop"), share: $("share"), status: $("status"),
		command: $("command"), tabs: $("tabs"), gutter: $("gutter"), highlight: $("highlight"),
		source: $("source"), errband: $("errband"), diagnostic: $("diagnostic"), output: $("output"),
		stdin: $("stdin"), agentButton: $("agent-page"), agentFrame: $("agent-frame"),
	};
	const LINE_HEIGHT = 19, EDITOR_PAD = 8;
	const params = new URLSearchParams(location.search);
	const state = { tabs: [{ name: "main.nut", text: 'print("hello from impvm\\n");\n' }], active: 0, errors: new Map() };
	let wasmModule = null, worker = null, running = false, budgetTimer = null, pending = [], flushQueued = false;
	let examplesIndex = [];

	// ---- editor -------------------------------------------------------
	function renderTabs() {
		ui.tabs.textContent = "";
		state.tabs.forEach((t, i) => {
			const b = document.createElement("button");
			b.textContent = t.name;
			b.className = i === state.active ? "active" : "";
			b.title = "double-click to rename";
			b.onclick = () => selectTab(i);
			b.ondblclick = () => renameTab(i);
			if (state.tabs.length > 1) {
				const x = document.createElement("span");
				x.className = "close"; x.textContent = "×"; x.title = "close this file";
				x.onclick = (e) => { e.stopPropagation(); closeTab(i); };
				b.appendChild(x);
			}
			ui.tabs.appendChild(b);
		});
		const add = document.createElement("button");
		add.textContent = "+"; add.title = "new file";
		add.onclick = () => {
			const name = prompt("File name (.nut, .device.nut or .agent.nut):", "new.device.nut");
			if (!name) return;
			state.tabs.push({ name: name.trim(), text: "" });
			selectTab(state.tabs.length - 1);
		};
		ui.tabs.appendChild(add);
	}
	function selectTab(i) {
		state.active = i;
		ui.source.value = state.tabs[i].text;
		renderTabs();
		renderCode();
	}
	function renameTab(i) {
		const name = prompt("Rename file:", state.tabs[i].name);
		if (name) { state.tabs[i].name = name.trim(); renderTabs(); }
	}
	function closeTab(i) {
		state.tabs.splice(i, 1);
		selectTab(Math.min(state.active, state.tabs.length - 1));
	}
	function renderCode() {
		const tab = state.tabs[state.active];
		tab.text = ui.source.value;
		ui.highlight.innerHTML = highlightSquirrel(tab.text);
		const lines = tab.text.split("\n").length;
		const errs = state.errors.get(tab.name);
		let g = "";
		for (let n = 1; n <= lines; n++) g += errs && errs.has(n) ? '<span class="err">● ' + n + "</span>\n" : n + "\n";
		ui.gutter.innerHTML = g;
		placeErrorBand();
	}
	function placeErrorBand() {
		const errs = state.errors.get(state.tabs[state.active].name);
		if (!errs || errs.size === 0) { ui.errband.hidden = true; ui.diagnostic.hidden = true; return; }
		const [line, message] = errs.entries().next().value;
		ui.errband.hidden = false;
		ui.errband.style.top = (EDITOR_PAD + (line - 1) * LINE_HEIGHT - ui.source.scrollTop) + "px";
		ui.diagnostic.hidden = false;
		ui.diagnostic.textContent = message;
	}
	ui.source.addEventListener("input", () => { state.errors.clear(); renderCode(); });
	ui.source.addEventListener("scroll", () => {
		ui.highlight.scrollTop = ui.source.scrollTop;
		ui.highlight.scrollLeft = ui.source.scrollLeft;
		ui.gutter.scrollTop = ui.source.scrollTop;
		placeErrorBand();
	});
	ui.source.addEventListener("keydown", (e) => {
		if (e.key === "Tab" && !e.shiftKey) {
			e.preventDefault();
			document.execCommand("insertText", false, "    ");
		} else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
			e.preventDefault();
			run();
		}
	});

	// ---- command line -------------------------------------------------
	function splitArgs(s) {
		const out = [];
		const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
		let m;
		while ((m = re.exec(s)) !== null) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2] !== undefined ? m[2] : m[3]);
		return out;
	}
	function quoteArg(a) { return /^[\w.\/:=@+-]+$/.test(a) ? a : "'" + a.replace(/'/g, "") + "'"; }
	// defaultCommand is how the tabs run when nothing says otherwise: the
	// main file's "// impvm:" line, else every device file for ten minutes
	// of virtual time, else the first file as a plain script.
	function defaultCommand() {
		const main = state.tabs[0];
		const line = main.text.split("\n").find((l) => l.startsWith("// impvm:"));
		if (line) {
			const words = splitArgs(line.slice("// impvm:".length));
			const files = words.filter((w) => w.endsWith(".nut"));
			return ["run", ...words.filter((w) => !w.endsWith(".nut")), ...(files.length ? files : [main.name])];
		}
		const devices = state.tabs.filter((t) => t.name.endsWith(".device.nut")).map((t) => t.name);
		if (devices.length) return ["run", "--virtual", "--duration", "10m", ...devices];
		return ["run", main.name];
	}

	// ---- output -------------------------------------------------------
	function write(fd, text) {
		pending.push([fd, text]);
		if (!flushQueued) { flushQueued = true; requestAnimationFrame(flushOutput); }
	}
	function flushOutput() {
		flushQueued = false;
		const atBottom = ui.output.scrollTop + ui.output.clientHeight >= ui.output.scrollHeight - 4;
		let fd = -1, text = "";
		const emit = () => {
			if (text === "") return;
			const last = ui.output.lastChild;
			if (last && last.dataset && last.dataset.fd === String(fd)) { last.textContent += text; }
			else {
				const span = document.createElement("span");
				span.dataset.fd = String(fd);
				if (fd === 2) span.className = "e";
				if (fd === -2) span.className = "end";
				span.textContent = text;
				ui.output.appendChild(span);
			}
			text = "";
		};
		for (const [f, t] of pending) { if (f !== fd) { emit(); fd = f; } text += t; }
		emit();
		pending = [];
		if (atBottom) ui.output.scrollTop = ui.output.scrollHeight;
	}
	function outputText() { return pending.reduce((s, [, t]) => s + t, ui.output.textContent); }
	function finish(line) {
		const text = outputText();
		write(-2, (text !== "" && !text.endsWith("\n") ? "\n" : "") + line + "\n");
		flushOutput();
	}

	// markErrors finds FILE:LINE positions of the tabs' files in the
	// output and marks those lines.
	function markErrors() {
		state.errors.clear();
		const names = new Set(state.tabs.map((t) => t.name));
		const lines = ui.output.textContent.split("\n");
		lines.forEach((l, i) => {
			const re = /([\w.\-\/]+\.nut):(\d+)(?::(\d+))?/g;
			let m;
			while ((m = re.exec(l)) !== null) {
				const file = m[1].replace(/^.*\//, "");
				if (!names.has(file)) continue;
				const errs = state.errors.get(file) || new Map();
				const n = Number(m[2]);
				if (!errs.has(n)) errs.set(n, explain(lines, i));
				state.errors.set(file, errs);
			}
		});
		const first = state.tabs.findIndex((t) => state.errors.has(t.name));
		if (first >= 0) selectTab(first); else renderCode();
	}
	// explain is the error around output line i: the line itself, or the
	// ERROR: message before a stack line, and a hint after it.
	function explain(lines, i) {
		const out = [];
		if (/ERROR:\s+in /.test(lines[i])) {
			for (let j = i - 1; j >= 0; j--) if (/ERROR: (?!\s+in )/.test(lines[j])) { out.push(lines[j].replace(/^.*ERROR: /, "ERROR: ")); break; }
		} else out.push(lines[i]);
		for (let j = i + 1; j < Math.min(lines.length, i + 4); j++) if (lines[j].startsWith("hint:")) out.push(lines[j]);
		return out.join("\n");
	}

	// ---- running --------------------------------------------------------
	// newWorker starts a worker for runs. A worker that fails before it
	// says anything (its scripts did not load) is replaced once and the
	// run sent again.
	let lastRun = null, heard = false, retried = false;
	function newWorker() {
		const w = new Worker("worker.js");
		w.onmessage = (e) => {
			const m = e.data;
			heard = true;
			if (m.type === "http-reply") { const w = httpWaiting.get(m.id); httpWaiting.delete(m.id); if (w) w(m); return; }
			if (m.type === "out") { write(m.fd, m.text); noticeAgents(m.text); }
			else if (m.type === "exit") done("-- finished (exit " + m.code + ")");
		};
		w.onerror = (e) => {
			if (running && !heard && !retried && lastRun) {
				retried = true;
				w.terminate();
				worker = newWorker();
				worker.postMessage(lastRun);
				return;
			}
			write(2, "impvm: " + e.message + "\n");
			done("-- finished (exit 2)");
		};
		return w;
	}
	function run() {
		if (!wasmModule || running) return;
		const args = splitArgs(ui.command.value);
		if (args.length === 0) { ui.command.value = defaultCommand().map(quoteArg).join(" "); return run(); }
		running = true;
		agentIndex = -1;
		ui.agentButton.hidden = true;
		ui.agentFrame.hidden = true;
		ui.output.textContent = "";
		pending = [];
		state.errors.clear();
		renderCode();
		ui.run.disabled = true;
		ui.stop.disabled = false;
		ui.status.textContent = "running…";
		const interactive = args[0] === "repl";
		ui.stdin.hidden = !interactive;
		if (interactive) ui.stdin.focus();
		worker = worker || newWorker();
		lastRun = { type: "run", module: wasmModule, files: state.tabs.map((t) => ({ name: t.name, text: t.text })), args, interactive };
		heard = false;
		retried = false;
		worker.postMessage(lastRun);
		const budget = Number(params.get("budget") || 60);
		budgetTimer = setTimeout(() => stop("-- stopped (still running after " + budget + " s; the budget is set with ?budget=SECONDS)"), budget * 1000);
	}
	function done(line) {
		if (!running) return;
		running = false;
		clearTimeout(budgetTimer);
		finish(line);
		markErrors();
		ui.run.disabled = false;
		ui.stop.disabled = true;
		ui.stdin.hidden = true;
		ui.status.textContent = "ready";
	}
	function stop(line) {
		if (!running) return;
		worker.terminate();
		worker = null;
		done(line || "-- stopped");
	}
	ui.run.onclick = () => run();
	ui.stop.onclick = () => stop();
	ui.stdin.addEventListener("keydown", (e) => {
		if (e.key !== "Enter" || !worker) return;
		const line = ui.stdin.value + "\n";
		ui.stdin.value = "";
		write(0, line);
		worker.postMessage({ type: "input", text: line });
	});

	// ---- the agent's web page ------------------------------------------
	// A run's agents announce themselves on stderr ("impvm: agent of NAME
	// serving at agent:N"); the page then offers the first one's page in a
	// frame. The frame's fetch() goes through the page to the agent's
	// http.onrequest handler in the worker (no network involved).
	let agentIndex = -1, httpNext = 0;
	const httpWaiting = new Map();
	const agentLog = [];
	function noticeAgents(text) {
		const m = /serving at agent:(\d+)/.exec(text);
		if (m && agentIndex < 0) {
			agentIndex = Number(m[1]);
			ui.agentButton.hidden = false;
		}
	}
	function agentFetch(method, path, headers, body) {
		return new Promise((resolve) => {
			const id = ++httpNext;
			httpWaiting.set(id, (r) => { agentLog.push({ method, path, status: r.status, body: r.body }); resolve(r); });
			if (!worker) { httpWaiting.get(id)({ status: 503, headers: {}, body: "no agent is running" }); return; }
			worker.postMessage({ type: "http", id, agent: agentIndex, method, path, headers, body });
		});
	}
	const FRAME_SHIM = "<script>(() => {" +
		"let n = 0; const waiting = new Map();" +
		"addEventListener('message', (e) => { const m = e.data; if (!m || m.impvmReply === undefined) return;" +
		" const done = waiting.get(m.impvmReply); waiting.delete(m.impvmReply);" +
		" done(new Response(m.body, { status: m.status, headers: m.headers })); });" +
		"window.fetch = (input, init) => new Promise((resolve) => { init = init || {}; const id = ++n; waiting.set(id, resolve);" +
		" const url = new URL(String(input && input.url || input), 'http://agent/');" +
		" parent.postMessage({ impvmFetch: id, method: init.method || 'GET', path: url.pathname + url.search," +
		" headers: init.headers || {}, body: init.body ? String(init.body) : '' }, '*'); });" +
		"})();<" + "/script>";
	async function showAgentPage() {
		const r = await agentFetch("GET", "/", {}, "");
		ui.agentFrame.hidden = false;
		ui.agentFrame.srcdoc = FRAME_SHIM + r.body;
	}
	ui.agentButton.onclick = () => showAgentPage();
	window.addEventListener("message", async (e) => {
		const m = e.data;
		if (e.source !== ui.agentFrame.contentWindow || !m || m.impvmFetch === undefined) return;
		const r = await agentFetch(m.method, m.path, m.headers, m.body);
		ui.agentFrame.contentWindow.postMessage({ impvmReply: m.impvmFetch, status: r.status, headers: r.headers, body: r.body }, "*");
	});

	// ---- examples, share links, URL parameters -------------------------
	async function loadExample(name) {
		const ex = examplesIndex.find((e) => e.name === name);
		if (!ex) throw new Error("no example named " + name);
		const texts = await Promise.all(ex.files.map((f) => fetch("examples/" + f).then((r) => r.text())));
		state.tabs = ex.files.map((f, i) => ({ name: f.replace(/^.*\//, ""), text: texts[i] }));
		ui.command.value = ex.args.map(quoteArg).join(" ");
		ui.examples.value = name;
		selectTab(0);
	}
	function b64urlEncode(bytes) {
		let s = "";
		for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
		return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
	}
	function b64urlDecode(s) {
		const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
		return Uint8Array.from(bin, (c) => c.charCodeAt(0));
	}
	async function pipe(bytes, stream) {
		return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
	}
	async function shareLink() {
		const json = new TextEncoder().encode(JSON.stringify({ files: state.tabs, command: ui.command.value }));
		const packed = "z" + b64urlEncode(await pipe(json, new CompressionStream("deflate-raw")));
		return location.origin + location.pathname + "#code=" + packed;
	}
	async function loadShared(packed) {
		if (!packed.startsWith("z")) throw new Error("unknown share-link format");
		const json = await pipe(b64urlDecode(packed.slice(1)), new DecompressionStream("deflate-raw"));
		const shared = JSON.parse(new TextDecoder().decode(json));
		state.tabs = shared.files.map((f) => ({ name: String(f.name), text: String(f.text) }));
		ui.command.value = String(shared.command);
		selectTab(0);
	}
	ui.share.onclick = async () => {
		const link = await shareLink();
		history.replaceState(null, "", link);
		try { await navigator.clipboard.writeText(link); ui.status.textContent = "link copied"; }
		catch { ui.status.textContent = "link in the address bar"; }
	};
	ui.examples.onchange = () => { if (ui.examples.value) loadExample(ui.examples.value).catch(report); };
	function report(err) { write(2, "playground: " + err.message + "\n"); flushOutput(); }

	async function start() {
		renderTabs();
		selectTab(0);
		const compiling = WebAssembly.compileStreaming(fetch("impvm.wasm"));
		examplesIndex = await fetch("examples/index.json").then((r) => r.json());
		for (const ex of examplesIndex) {
			const o = document.createElement("option");
			o.value = ex.name;
			o.textContent = ex.name + (ex.title ? " — " + ex.title : "");
			ui.examples.appendChild(o);
		}
		const fragment = new URLSearchParams(location.hash.slice(1));
		if (fragment.get("code")) await loadShared(fragment.get("code"));
		else if (params.get("example")) {
			await loadExample(params.get("example"));
			if (params.get("args")) ui.command.value = params.get("args");
		}
		else if (params.get("code") !== null) {
			state.tabs = [{ name: params.get("name") || "main.nut", text: new TextDecoder().decode(b64urlDecode(params.get("code"))) }];
			selectTab(0);
			ui.command.value = params.get("args") || defaultCommand().map(quoteArg).join(" ");
		}
		wasmModule = await compiling;
		worker = newWorker();
		ui.run.disabled = false;
		ui.status.textContent = "ready";
		if (params.get("run") === "1" || fragment.get("run") === "1") run();
	}
	window.playground = { shareLink, state, agentLog, showAgentPage };
	start().catch((err) => { ui.status.textContent = "failed to start"; report(err); });
})();
