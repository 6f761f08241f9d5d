// Lesson 7: errors.
//   impvm run examples/learn/07_errors.nut
//
// Errors are exceptions: throw raises one, try/catch handles it. An error
// nobody catches stops the script; impvm shows where, with a caret and,
// for common mistakes, a hint (try: impvm run -e 'local t = {}; t.x = 1').

function check(v) {
  if (typeof v != "integer") throw "not an integer: " + v;
  return v;
}

try {
  check(5);
  check("five");
  print("not reached\n");
} catch (e) {
  print("caught: " + e + "\n");
}

// Runtime errors are exceptions too; the message is a string.
local table = {};
try {
  table.missing = 1;    // `=` only changes existing slots
} catch (e) {
  print("caught: " + e + "\n");
}
table.missing <- 1;     // `<-` creates the slot
print("now missing = " + table.missing + "\n");

try {
  local nothing = null;
  nothing.go();
} catch (e) {
  print("caught: " + e + "\n");
}

try {
  print(1 / 0);
} catch (e) {
  print("caught: " + e + "\n");
}

// Any value can be thrown, a table for instance.
try {
  throw { code = 42, why = "custom" };
} catch (e) {
  print("caught a " + typeof e + ": " + e.code + " " + e.why + "\n");
}
