// Lesson 5: control flow.
//   impvm run examples/learn/05_control.nut

local level = 7;

// if / else
if (level > 8) {
  print("high\n");
} else if (level > 4) {
  print("medium\n");
} else {
  print("low\n");
}

// Compare with ==; a single = would assign (impvm warns about that).
print("level == 7 is " + (level == 7) + "\n");

// while and do-while
local n = 3;
while (n > 0) {
  print("countdown " + n + "\n");
  n--;
}
do {
  print("do runs at least once\n");
} while (false);

// for, with break and continue
for (local i = 0; i < 10; i++) {
  if (i % 2 == 0) continue;
  if (i > 5) break;
  print("odd " + i + "\n");
}

// switch compares with == and falls through without break.
foreach (cmd in ["on", "off", "blink"]) {
  switch (cmd) {
    case "on":
      print("LED on\n");
      break;
    case "off":
      print("LED off\n");
      break;
    default:
      print("unknown command " + cmd + "\n");
  }
}

// The conditional operator picks one of two values.
print("level is " + (level % 2 == 0 ? "even" : "odd") + "\n");
