local s = "héllo"; local = 2;
