function approx(a, b) { return math.fabs(a - b) < 0.001; }
