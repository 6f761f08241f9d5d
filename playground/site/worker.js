// worker.js — runs one impvm command line in the WebAssembly build of
// impvm, on memfs. Messages in: {type: "run", module, files, args,
// interactive}, {type: "input", text}. Messages out: {type: "out", fd,
// text}, {type: "exit", code}.
"use strict";
importScripts("memfs.js", "wasm_exec.js");

let running = false;

self.onmessage = async (e) => {
	const m = e.data;
	if (m.type === "input") {
		memfs.input(m.text);
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
