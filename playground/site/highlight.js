// highlight.js — Squirrel syntax colouring for the playground's editor:
// highlightSquirrel(text) returns HTML with comments, strings, numbers,
// keywords and the imp's global objects in spans.
"use strict";
const SQUIRREL_TOKEN = new RegExp([
	/(\/\/[^\n]*|#[^\n]*|\/\*[\s\S]*?(?:\*\/|$))/.source,                         // 1 comment
	/(@"(?:[^"]|"")*"?|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?)/.source,        // 2 string
	/\b(0[xX][0-9a-fA-F]+|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)\b/.source,              // 3 number
	/\b(base|break|case|catch|class|clone|const|constructor|continue|default|delete|else|enum|extends|false|for|foreach|function|if|in|instanceof|local|null|resume|return|static|switch|this|throw|true|try|typeof|while|yield)\b/.source, // 4 keyword
	/\b(hardware|imp|server|agent|device|nv|http|math|blob|print|error|getroottable)\b/.source, // 5 imp globals
].join("|"), "g");

function escapeHTML(s) {
	return s.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]);
}

function highlightSquirrel(text) {
	const classes = [null, "c", "s", "n", "k", "g"];
	let out = "", last = 0, m;
	SQUIRREL_TOKEN.lastIndex = 0;
	while ((m = SQUIRREL_TOKEN.exec(text)) !== null) {
		if (m[0] === "") { SQUIRREL_TOKEN.lastIndex++; continue; }
		out += escapeHTML(text.slice(last, m.index));
		const group = m.findIndex((g, i) => i > 0 && g !== undefined);
		out += '<span class="' + classes[group] + '">' + escapeHTML(m[0]) + "</span>";
		last = m.index + m[0].length;
	}
	return out + escapeHTML(text.slice(last)) + "\n";
}
