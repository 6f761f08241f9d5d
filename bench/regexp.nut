// Regular expressions: match, search and capture over log lines.
local lineRe = regexp(@"^(\w+)=(\d+)$");
local numRe = regexp(@"\d+");
local hexRe = regexp("^[0-9a-f]+$");
local matched = 0, sum = 0, hex = 0;
for (local i = 0; i < 20000; i++) {
  local line = "temp" + (i % 7) + "=" + (i % 1000);
  if (lineRe.match(line)) matched++;
  local caps = lineRe.capture(line);
  if (caps != null) sum += line.slice(caps[2].begin, caps[2].end).tointeger();
  local m = numRe.search("value is " + i + " units");
  if (m != null) sum += m.end - m.begin;
  if (hexRe.match(format("%x", i))) hex++;
}
print("matched " + matched + " sum " + sum + " hex " + hex + "\n");
