function f() {
		local = 5;
}
