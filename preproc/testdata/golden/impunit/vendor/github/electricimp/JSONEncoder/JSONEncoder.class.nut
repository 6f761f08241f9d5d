class JSONEncoder {}
