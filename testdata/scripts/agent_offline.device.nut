// impvm: --virtual --duration 10s
// The agent's outbound requests in a run without a network (see the agent).
server.log("device up");
