// impvm: --virtual
// Device and agent messages (agent_messaging.agent.nut is picked up as
// the agent): delivery 10 ms later on the shared clock, in order; one
// handler per name, the latest registration wins; a handler gets exactly
// one argument; a message nobody handles is dropped with a warning on
// the receiving side.
agent.on("echo", function(d) { server.log("first handler: " + d); });
agent.on("echo", function(d) { server.log("echo " + d); });
agent.on("args", function(...) { server.log("device handler got " + vargv.len() + " argument(s)"); });
for (local i = 1; i <= 5; i++) server.log("send " + i + " -> " + agent.send("seq", i));
agent.send("unhandled", "x");
agent.send("args", null);
imp.wakeup(1, function() {
  agent.on("echo", null);
  agent.send("again", 0);
});
