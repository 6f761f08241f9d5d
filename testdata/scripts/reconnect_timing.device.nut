// impvm: --virtual --reconnect-time 4s
// Reconnecting takes time (--reconnect-time, default 3 s): after
// server.disconnect(), a server.connect() callback and the "Device
// connected" line come 4 s later, after an imp.wakeup(0) queued before
// the call; Squirrel waits for a reconnection under SUSPEND_ON_ERROR.
server.setsendtimeoutpolicy(RETURN_ON_ERROR, WAIT_TIL_SENT, 10);
server.disconnect();
imp.wakeup(0, function() { print("wakeup(0) runs first, connected " + server.isconnected() + "\n"); });
server.connect(function(reason) {
  server.log("connect callback: " + reason + " at " + hardware.millis() + " ms");
  server.setsendtimeoutpolicy(SUSPEND_ON_ERROR, WAIT_TIL_SENT, 10);
  server.disconnect();
  server.log("this server.log waited for the reconnection");
  server.log("now at " + hardware.millis() + " ms");
});
