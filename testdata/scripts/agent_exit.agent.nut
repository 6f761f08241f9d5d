imp.wakeup(2, function() { server.log("agent throws"); throw "agent failure"; });
