function f(t) {
  return t ? t.nope
           : 0;
}
f({});
print(1);
