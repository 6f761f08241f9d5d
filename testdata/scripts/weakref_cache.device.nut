// impvm: --virtual
// A cache of weak references empties as the imp's would: the imp frees an
// object the moment its last (strong) reference goes, so a cached weakref
// reads null as soon as nothing else holds its object, not at some later
// garbage collection. Objects on a reference cycle are never freed (the
// imp counts references and has no cycle collector), so their entries stay.
// (Each check runs in its own event: between events nothing is left on the
// imp's stack.)
class Reading {
  id = null;
  self = null;
  constructor(i) { id = i; }
}

cache <- {};
inUse <- [];

function fetch(id) {
  if (id in cache && cache[id] != null) return cache[id]; // a weakref slot reads as its target
  local r = Reading(id);
  cache[id] <- r.weakref();
  return r;
}

function report(when) {
  local s = when + ":";
  foreach (id, r in cache) s += " " + id + (r == null ? " gone" : " live");
  server.log(s);
}

imp.wakeup(1, function() {
  for (local id = 1; id <= 4; id++) {
    local r = fetch(id);
    if (id % 2 == 0) inUse.append(r);
  }
  local loop = fetch(5);
  loop.self = loop; // a cycle: the imp never frees it
});
imp.wakeup(1.5, function() { report("after fetching 1-5"); });
imp.wakeup(2, function() {
  report("a second later");
  server.log("fetch(2) is the cached object: " + (fetch(2) == inUse[0]));
  inUse.remove(0);
});
imp.wakeup(3, function() { report("after dropping 2"); });
imp.wakeup(4, function() {
  inUse.clear();
  cache[6] <- inUse.weakref(); // held by the root table
  report("after clearing");
});
