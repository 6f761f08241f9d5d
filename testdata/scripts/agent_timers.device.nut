// impvm: --virtual
// Agent timers: imp.wakeup's third argument names a timer, and
// imp.cancelwakeup takes that name; a name that names no active timer
// (never set, fired, cancelled) throws. Naming a new timer with an active
// name moves the name to it. The device ignores names.
server.log("device timer name ignored: " + (imp.wakeup(0.5, function() { server.log("device timer fired"); }, "dev") != null));
