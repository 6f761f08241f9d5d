// impvm: --virtual
// impvm-exit: 1
// A callback bound to a temporary loses its `this`: the imp holds a bound
// function's environment weakly (Squirrel 3.0.4), so an object that only
// the expression making the callback referred to is gone by the time the
// timer fires, and the callback runs with this == null. Reading a member
// then is the imp's "the index ... does not exist" error. The same method
// bound to an object something else keeps (the root table's `sensor`)
// works.
class Sensor {
  name = null;
  constructor(n) { name = n; }
  function report() { server.log("reading from " + name); }
}

sensor <- Sensor("kept");
imp.wakeup(1, sensor.report.bindenv(sensor));

imp.wakeup(2, function() {
  server.log("bound to {}: this is " + (this == null ? "null" : "a table"));
}.bindenv({}));

function temporary() {
  local s = Sensor("temporary"); // only this local holds it...
  return s.report.bindenv(s);    // ...and it goes when temporary() returns
}
imp.wakeup(3, temporary());
