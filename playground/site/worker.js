// worker.js — runs one impvm command line in the WebAssembly build of
// impvm, on memfs. Messages in: {type: "run", module, files, args,
// interactive}, {type: "input", text}, {type: "http", id, agent, method,
// path, headers, body} (a request to a running agent). Messages out:
// {type: "out", fd, text}, {type: "exit", code}, {type: "http-reply", id,
// status, headers, body}.
"use strict";
importScripts("memfs.js", "wasm_exec.js");

let running = false;

self.onmessage = async (e) => {
	const m = e.data;
	if (m.type === "input") {
		memfs.input(m.text);
		return;
	}
	if (m.type === "http") {
		const reply = (r) => postMessage({ type: "http-reply", id: m.id, status: r.status, headers: r.headers, body: r.body });
		if (!running || typeof globalThis.impvmAgentRequest !== "function") {
			reply({ status: 503, headers: { "Content-Type": "text/plain" }, body: "no agent is running" });
			return;
		}
		globalThis.impvmAgentRequest(m.agent, m.method, m.path, m.headers || {}, m.body || "").then(reply);
		return;
	}
	if (m.type !== "run" || running) return;
	running = true;
	memfs.reset(m.files, !!m.interactive);
	memfs.onOutput = (fd, text) => postMessage({ type: "out", fd, text });
	const go = new Go();
	go.argv = ["impvm", ...m.args];
	go.env = { HOME: "/", USER: "playground" };
	let code = 0;
	go.exit = (c) => { code = c; };
	try {
		const instance = await WebAssembly.instantiate(m.module, go.importObject);
		await go.run(instance);
	} catch (err) {
		memfs.onOutput(2, "impvm: " + err + "\n");
		code = 2;
	}
	memfs.flush();
	running = false;
	postMessage({ type: "exit", code });
};
