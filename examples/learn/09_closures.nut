// Lesson 9: closures.
//   impvm run examples/learn/09_closures.nut
//
// A function made inside another keeps the variables around it alive,
// even after the outer function has returned.

function makeCounter(step) {
  local count = 0;
  return function() {
    count += step;
    return count;
  };
}

local byOne = makeCounter(1);
local byTen = makeCounter(10);
byOne(); byOne();
byTen();
print("byOne: " + byOne() + ", byTen: " + byTen() + "\n");

// Closures share the variable itself, not a copy of its value.
local total = 0;
local add = @(n) total += n;
add(5);
add(7);
print("total = " + total + "\n");

// Callbacks: a function to call later, with the context it needs.
function everyItem(list, callback) {
  foreach (item in list) callback(item);
}
local seen = [];
everyItem(["a", "b", "c"], function(x) { seen.append(x.toupper()); });
print("seen: " + seen.len() + " items, last " + seen.top() + "\n");

// `this` in a function is whoever called it; bindenv fixes it. Timer and
// network callbacks on an imp are often written this way.
class Led {
  state = false;
  function toggler() {
    return function() { state = !state; return state; }.bindenv(this);
  }
}
local led = Led();
local toggle = led.toggler();
toggle();
print("led.state after one toggle: " + led.state + "\n");
