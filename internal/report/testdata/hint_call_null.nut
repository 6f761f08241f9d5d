local callback = null;
callback(1);
