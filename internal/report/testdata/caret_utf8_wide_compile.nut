local s = "日本語"; local = 2;
