count = 0;
