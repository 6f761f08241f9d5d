// memfs.js — the file system and process objects Go's WebAssembly build
// (GOOS=js) expects as globalThis.fs and globalThis.process, held in
// memory inside the playground's worker. Files are the page's tabs; writes
// to fd 1 and 2 go to memfs.onOutput; reads of fd 0 come from memfs.input.
"use strict";
(() => {
	const S_IFCHR = 0o020000, S_IFDIR = 0o040000, S_IFREG = 0o100000;
	const O = { O_WRONLY: 1, O_RDWR: 2, O_CREAT: 64, O_EXCL: 128, O_TRUNC: 512, O_APPEND: 1024, O_DIRECTORY: 65536 };
	const files = new Map(); // absolute path -> Uint8Array
	const dirs = new Set(["/"]);
	const handles = new Map(); // fd -> { path, pos, append, dir }
	let nextFd = 3;
	let decoders = {};
	let stdin = { chunks: [], closed: true, waiting: null };

	const fail = (code) => { const e = new Error(code); e.code = code; return e; };
	const norm = (p) => {
		const parts = [];
		for (const s of String(p).split("/")) {
			if (s === "" || s === ".") continue;
			if (s === "..") parts.pop(); else parts.push(s);
		}
		return "/" + parts.join("/");
	};
	const parent = (p) => p.slice(0, p.lastIndexOf("/")) || "/";
	const stats = (mode, size) => {
		const t = Date.now();
		return {
			dev: 0, ino: 0, mode, nlink: 1, uid: 0, gid: 0, rdev: 0, size, blksize: 4096,
			blocks: Math.ceil(size / 512), atimeMs: t, mtimeMs: t, ctimeMs: t,
			isDirectory() { return (mode & S_IFDIR) !== 0; },
		};
	};
	const statPath = (p) => {
		if (dirs.has(p)) return stats(S_IFDIR | 0o755, 0);
		const f = files.get(p);
		return f ? stats(S_IFREG | 0o644, f.length) : null;
	};
	const mkdirs = (p) => { while (!dirs.has(p)) { dirs.add(p); p = parent(p); } };
	const output = (fd, buf) => {
		const text = decoders[fd].decode(buf, { stream: true });
		if (text !== "") memfs.onOutput(fd, text);
		return buf.length;
	};

	const memfs = {
		onOutput(fd, text) {},
		// reset replaces every file with list ([{name, text}]) and clears
		// standard input; interactive: fd 0 waits for memfs.input.
		reset(list, interactive) {
			files.clear(); dirs.clear(); dirs.add("/"); handles.clear(); nextFd = 3;
			decoders = { 1: new TextDecoder(), 2: new TextDecoder() };
			stdin = { chunks: [], closed: !interactive, waiting: null };
			const enc = new TextEncoder();
			for (const f of list) {
				const p = norm(f.name);
				mkdirs(parent(p));
				files.set(p, enc.encode(f.text));
			}
		},
		// input gives text to standard input (null: end of input).
		input(text) {
			if (text === null) stdin.closed = true; else stdin.chunks.push(new TextEncoder().encode(text));
			if (stdin.waiting) { const w = stdin.waiting; stdin.waiting = null; readStdin(...w); }
		},
		flush() {
			for (const fd of [1, 2]) {
				const text = decoders[fd].decode();
				if (text !== "") memfs.onOutput(fd, text);
			}
		},
	};

	function readStdin(buf, offset, length, cb) {
		if (stdin.chunks.length === 0) {
			if (stdin.closed) { cb(null, 0); return; }
			stdin.waiting = [buf, offset, length, cb];
			return;
		}
		const chunk = stdin.chunks[0];
		const n = Math.min(length, chunk.length);
		buf.set(chunk.subarray(0, n), offset);
		if (n === chunk.length) stdin.chunks.shift(); else stdin.chunks[0] = chunk.subarray(n);
		cb(null, n);
	}

	const ok = (cb) => cb(null);
	globalThis.memfs = memfs;
	globalThis.fs = {
		constants: O,
		writeSync(fd, buf) {
			if (fd === 1 || fd === 2) return output(fd, buf);
			throw fail("EBADF");
		},
		write(fd, buf, offset, length, position, cb) {
			if (fd === 1 || fd === 2) { cb(null, output(fd, buf.subarray(offset, offset + length))); return; }
			const h = handles.get(fd);
			if (!h || h.dir) { cb(fail("EBADF")); return; }
			let data = files.get(h.path);
			const pos = position ?? (h.append ? data.length : h.pos);
			const end = pos + length;
			if (end > data.length) { const grown = new Uint8Array(end); grown.set(data); data = grown; }
			data.set(buf.subarray(offset, offset + length), pos);
			files.set(h.path, data);
			if (position === null || position === undefined) h.pos = end;
			cb(null, length);
		},
		read(fd, buf, offset, length, position, cb) {
			if (fd === 0) { readStdin(buf, offset, length, cb); return; }
			const h = handles.get(fd);
			if (!h) { cb(fail("EBADF")); return; }
			if (h.dir) { cb(fail("EISDIR")); return; }
			const data = files.get(h.path) || new Uint8Array(0);
			const pos = position ?? h.pos;
			const n = Math.max(0, Math.min(length, data.length - pos));
			buf.set(data.subarray(pos, pos + n), offset);
			if (position === null || position === undefined) h.pos = pos + n;
			cb(null, n);
		},
		open(path, flags, mode, cb) {
			const p = norm(path);
			if (dirs.has(p)) { const fd = nextFd++; handles.set(fd, { path: p, dir: true }); cb(null, fd); return; }
			if (!files.has(p)) {
				if (!(flags & O.O_CREAT) || !dirs.has(parent(p))) { cb(fail("ENOENT")); return; }
				files.set(p, new Uint8Array(0));
			} else if ((flags & O.O_CREAT) && (flags & O.O_EXCL)) { cb(fail("EEXIST")); return; }
			if (flags & O.O_TRUNC) files.set(p, new Uint8Array(0));
			const fd = nextFd++;
			handles.set(fd, { path: p, pos: 0, append: (flags & O.O_APPEND) !== 0 });
			cb(null, fd);
		},
		close(fd, cb) { handles.delete(fd); cb(null); },
		fstat(fd, cb) {
			if (fd >= 0 && fd <= 2) { cb(null, stats(S_IFCHR | 0o620, 0)); return; }
			const h = handles.get(fd);
			const s = h && statPath(h.path);
			if (s) cb(null, s); else cb(fail("EBADF"));
		},
		stat(path, cb) { const s = statPath(norm(path)); if (s) cb(null, s); else cb(fail("ENOENT")); },
		lstat(path, cb) { const s = statPath(norm(path)); if (s) cb(null, s); else cb(fail("ENOENT")); },
		readdir(path, cb) {
			const p = norm(path);
			if (!dirs.has(p)) { cb(fail(files.has(p) ? "ENOTDIR" : "ENOENT")); return; }
			const prefix = p === "/" ? "/" : p + "/";
			const names = new Set();
			for (const k of [...files.keys(), ...dirs]) {
				if (k !== p && k.startsWith(prefix)) names.add(k.slice(prefix.length).split("/")[0]);
			}
			cb(null, [...names].sort());
		},
		mkdir(path, perm, cb) {
			const p = norm(path);
			if (dirs.has(p) || files.has(p)) { cb(fail("EEXIST")); return; }
			if (!dirs.has(parent(p))) { cb(fail("ENOENT")); return; }
			dirs.add(p);
			cb(null);
		},
		unlink(path, cb) { if (files.delete(norm(path))) cb(null); else cb(fail("ENOENT")); },
		rmdir(path, cb) {
			const p = norm(path);
			if (!dirs.has(p)) { cb(fail("ENOENT")); return; }
			for (const k of [...files.keys(), ...dirs]) if (k.startsWith(p + "/")) { cb(fail("ENOTEMPTY")); return; }
			dirs.delete(p);
			cb(null);
		},
		rename(from, to, cb) {
			const a = norm(from), b = norm(to);
			if (!files.has(a)) { cb(fail("ENOENT")); return; }
			files.set(b, files.get(a));
			files.delete(a);
			cb(null);
		},
		truncate(path, length, cb) {
			const p = norm(path);
			const f = files.get(p);
			if (!f) { cb(fail("ENOENT")); return; }
			const t = new Uint8Array(length); t.set(f.subarray(0, length)); files.set(p, t);
			cb(null);
		},
		ftruncate(fd, length, cb) {
			const h = handles.get(fd);
			if (!h || h.dir) { cb(fail("EBADF")); return; }
			this.truncate(h.path, length, cb);
		},
		fsync(fd, cb) { ok(cb); },
		chmod(path, mode, cb) { ok(cb); },
		fchmod(fd, mode, cb) { ok(cb); },
		chown(path, uid, gid, cb) { ok(cb); },
		fchown(fd, uid, gid, cb) { ok(cb); },
		lchown(path, uid, gid, cb) { ok(cb); },
		utimes(path, atime, mtime, cb) { ok(cb); },
		readlink(path, cb) { cb(fail("EINVAL")); },
		link(path, link, cb) { cb(fail("ENOSYS")); },
		symlink(path, link, cb) { cb(fail("ENOSYS")); },
	};
	globalThis.process = {
		getuid() { return -1; }, getgid() { return -1; }, geteuid() { return -1; }, getegid() { return -1; },
		getgroups() { throw fail("ENOSYS"); },
		pid: -1, ppid: -1,
		umask() { return 0o22; },
		cwd() { return "/"; },
		chdir() { throw fail("ENOSYS"); },
	};
})();
