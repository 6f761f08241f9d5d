local x = 0;
if (x = 1) print("one\n");
while (!(x = 1)) {}
