// Lesson 1: values.
//   impvm run examples/learn/01_values.nut
//
// Squirrel has integers, floats, strings, booleans and null. On an imp,
// integers are 32 bits and floats are 32-bit floats.

local count = 42;           // an integer
local ratio = 0.5;          // a float
local name = "imp";         // a string
local ready = true;         // a bool
local nothing = null;       // no value at all

// print() writes its argument as is; "\n" ends the line.
print("count is " + count + "\n");
print("typeof ratio: " + typeof ratio + "\n");

// Integer arithmetic stays integer; mix in a float to get a float.
print("7 / 2 = " + (7 / 2) + ", 7 / 2.0 = " + (7 / 2.0) + "\n");
print("7 % 3 = " + (7 % 3) + "\n");

// 32-bit integers wrap around.
print("2147483647 + 1 = " + (2147483647 + 1) + "\n");

// Conversions.
print("\"12\".tointeger() + 1 = " + ("12".tointeger() + 1) + "\n");
local f = 3.99;
print("3.99.tointeger() = " + f.tointeger() + "\n");
print("ratio.tostring() = " + ratio.tostring() + "\n");

// null and false are false in a condition; so are 0 and 0.0.
foreach (v in [nothing, false, 0, 0.0, "", name]) {
  print(typeof v + " " + (v ? "is true" : "is false") + "\n");
}
print("ready: " + ready + "\n");
