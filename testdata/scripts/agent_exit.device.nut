// impvm: --virtual
// impvm-exit: 1
// Under --on-error exit (the default) an uncaught agent error ends the
// run with status 1, as a device error does.
imp.wakeup(1, function() { server.log("device tick 1"); });
imp.wakeup(5, function() { server.log("never logged"); });
