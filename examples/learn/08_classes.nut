// Lesson 8: classes.
//   impvm run examples/learn/08_classes.nut

class Sensor {
  name = null;        // fields, one copy per instance
  readings = null;
  static UNITS = "C"; // shared by every instance

  constructor(n) {
    name = n;
    readings = [];    // a new array for this instance
  }

  function add(v) {
    readings.append(v);
    return this;      // so calls can be chained
  }

  function average() {
    if (readings.len() == 0) return null;
    local total = 0.0;
    foreach (r in readings) total += r;
    return total / readings.len();
  }

  // _tostring decides what tostring() and print show.
  function _tostring() {
    return name + " (" + readings.len() + " readings)";
  }
}

local kitchen = Sensor("kitchen");
kitchen.add(20.5).add(21.5).add(22.0);
print(kitchen + ": average " + kitchen.average() + " " + Sensor.UNITS + "\n");

// A class can extend another; base calls the parent's version.
class LimitSensor extends Sensor {
  limit = 0;
  constructor(n, l) {
    base.constructor(n);
    limit = l;
  }
  function add(v) {
    if (v > limit) print(name + ": " + v + " is over the limit\n");
    return base.add(v);
  }
}

local oven = LimitSensor("oven", 200);
oven.add(180).add(230);
print(oven + ", average " + oven.average() + "\n");
print("oven instanceof Sensor: " + (oven instanceof Sensor) + "\n");

// Only declared fields exist on an instance.
try {
  oven.colour = "black";
} catch (e) {
  print("caught: " + e + "\n");
}
