function f(t) {
	if (true) {
		return t.missing;
	}
}
f({});
