// impvm: --virtual --on-error restart --max-restarts 1
// impvm-exit: 1
// imp.onunhandledexception catches errors that escape callbacks: no ERROR
// lines, no restart, the device carries on. An error in the handler
// itself is uncaught.
imp.onunhandledexception(function(err) {
  server.log("caught: " + err);
});
imp.wakeup(1, function() { local a = [1, 2]; a[5]; });
imp.wakeup(2, function() { throw "thrown at 2 s"; });
imp.wakeup(3, function() {
  server.log("still running, wakereason " + hardware.wakereason());
  imp.onunhandledexception(function(err) { throw "the handler fails too"; });
  imp.wakeup(1, function() { null(); });
});
