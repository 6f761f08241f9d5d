local t = {};
try {
  t.nope;
} catch (e) {
  throw e;
}
