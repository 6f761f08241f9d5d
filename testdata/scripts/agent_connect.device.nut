// impvm: --virtual --duration 3m --offline-at 30s+10s
// The agent keeps running while its device restarts (each run registers
// its handlers again), deep-sleeps and drops offline: device.onconnect
// fires when the device boots and whenever it comes back online,
// device.ondisconnect when it goes; the agent's first ping, sent as the
// device boots, reaches run 1, but messages to an offline device are
// lost; agent.send while offline waits for the link under
// SUSPEND_ON_ERROR, and returns SEND_ERROR_NOT_CONNECTED under
// RETURN_ON_ERROR.
if (!("nv" in getroottable())) nv <- { run = 0 };
nv.run++;
server.log("run " + nv.run + ", wakereason " + hardware.wakereason());
agent.on("ping", function(n) { server.log("run " + nv.run + " got ping " + n); });
switch (nv.run) {
case 1:
  imp.wakeup(5, function() { server.restart(); });
  break;
case 2:
  imp.wakeup(15, function() { agent.send("note", "sent at 20 s"); });
  imp.wakeup(30, function() { agent.send("note", "sent offline at 35 s, under SUSPEND_ON_ERROR"); });
  imp.wakeup(50, function() {
    server.setsendtimeoutpolicy(RETURN_ON_ERROR, WAIT_TIL_SENT, 10);
    server.disconnect();
    local code = agent.send("note", "lost");
    server.connect(function(reason) {
      server.log("agent.send while disconnected: " + code);
      imp.wakeup(10, function() { imp.deepsleepfor(60); });
    });
  });
  break;
}
