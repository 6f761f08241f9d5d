// impvm: --virtual --on-error restart
// Uncaught agent errors are logged as [Agent] ERROR lines with their
// stack; under --on-error restart the agent goes on (agents are not
// restarted; under the default --on-error exit the run would end with
// status 1). The agent's imp.onunhandledexception catches them instead.
imp.wakeup(3, function() { agent.send("tick", 3); });
