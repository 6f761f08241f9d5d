function g() {
  yield 1;
  local t = {};
  yield t.nope;
}
local gen = g();
resume gen;
resume gen;
