// impvm: --virtual
// A callback bound with bindenv keeps its environment alive, as on the
// imp: a timer's callback bound to an object that nothing else holds (a
// temporary table, a local of a function that has returned) still runs
// with that object as `this`. C Squirrel 3.0.4 holds the environment
// weakly and would run these with this == null; Electric Imp's own
// libraries rely on the imp keeping it (MessageManager binds its handlers
// to an instance held only by a returned function's local, and its suite
// passes on imp devices).
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
  local s = Sensor("temporary"); // only this local holds it, but the
  return s.report.bindenv(s);    // bound callback keeps it alive
}
imp.wakeup(3, temporary());
