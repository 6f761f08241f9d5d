// impvm: --virtual
// impvm-exit: 1
// An uncaught error in a callback ends the run (--on-error exit).
function check(t) {
  return t.reading;
}
function poll() {
  server.log("polling");
  check({});
}
imp.wakeup(1, poll);
imp.wakeup(2, function() { server.log("must not run"); });
server.log("waiting");
