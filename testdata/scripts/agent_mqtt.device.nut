// impvm: --virtual --duration 5s
// The agent's mqtt object without a broker (see the agent).
server.log("device up");
