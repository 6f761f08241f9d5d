// Table slots coming and going: `in`, `delete`, rawin/rawget/rawset, and
// a table that grows and shrinks in turn as half its keys are deleted.
local t = {};
local keys = [];
for (local i = 0; i < 200; i++) keys.append("k" + i);
local hits = 0;
for (local r = 0; r < 3000; r++) {
  foreach (k in keys) t[k] <- r;
  foreach (i, k in keys) {
    if (k in t) hits++;
    if (t.rawin(k)) hits++;
    hits += t.rawget(k) & 1;
    t.rawset(k, i);
    if (i & 1) delete t[k];
  }
  hits += t.len();
}
print(hits + "\n");
