local config = {};
config["rate"] = 10;
