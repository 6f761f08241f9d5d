local cfg = null;
print(cfg.rate);
