// Lesson 2: strings.
//   impvm run examples/learn/02_strings.nut
//
// Strings are immutable; every method returns a new string.

local s = "Hello, imp";
print(s.len() + " characters\n");
print(s.toupper() + " / " + s.tolower() + "\n");

// Indexing a string gives a character code (an integer).
print("s[0] = " + s[0] + ", as a character: " + s[0].tochar() + "\n");

// slice(start, end) copies part of a string; negative counts from the end.
print(s.slice(0, 5) + "|" + s.slice(-3) + "\n");

// find() returns the index of a substring, or null.
print("'imp' is at " + s.find("imp") + "; 'cat' gives " + s.find("cat") + "\n");

// format() works like C's printf.
print(format("%5.2f|%-6s|%04d|%x\n", 3.14159, "ab", 42, 255));

// split() cuts a string at any of the given characters.
foreach (i, word in split("red,green,,blue", ",")) {
  print(i + ": " + word + "\n");
}

// Verbatim strings start with @ and may span lines; "" is a quote.
local poem = @"two
lines with ""quotes""";
print(poem + "\n");
