// impvm: --virtual
// impvm-exit: 1
server.log("starting");
local zero = 0;
local x = 10 / zero;
server.log("must not run");
