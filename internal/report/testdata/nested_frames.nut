local n = 1;
print("ok\n");
function deep() { return nosuch; }
function outer() { return deep(); }
outer();
