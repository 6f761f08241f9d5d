// Lesson 3: tables.
//   impvm run examples/learn/03_tables.nut
//
// A table maps keys to values. `<-` creates a slot; `=` only changes a
// slot that exists (assigning to a missing one is an error).

local reading = { sensor = "temp", value = 21.5 };
reading.unit <- "C";          // a new slot
reading.value = 22.0;         // change an existing slot
reading["sensor"] = "temperature";

print(reading.sensor + " = " + reading.value + " " + reading.unit + "\n");
print("slots: " + reading.len() + "\n");

// `in` asks whether a slot exists.
print("has unit? " + ("unit" in reading) + ", has time? " + ("time" in reading) + "\n");

// Keys can be any value but null.
local names = {};
names[1] <- "one";
names[2] <- "two";
print("names[2] = " + names[2] + "\n");

// delete removes a slot and gives its value.
local old = delete reading.unit;
print("deleted " + old + "; now " + reading.len() + " slots\n");

// foreach visits every slot. The order is the imp's hash order, not the
// order the slots were made; impvm reproduces it exactly.
local colours = { red = 0xff0000, green = 0x00ff00, blue = 0x0000ff };
foreach (name, rgb in colours) {
  print(format("%-5s = 0x%06x\n", name, rgb));
}

// Tables are passed by reference.
local alias = colours;
alias.black <- 0;
print("colours has black? " + ("black" in colours) + "\n");
