local total = 1;
print(totl + 1);
