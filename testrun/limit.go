package testrun

import "time"

// WallLimit is the real time a golden scenario or an impUnit test file may
// take. Virtual-time runs finish in far less, so one still running is stuck
// in a loop: it is interrupted (the log shows where) instead of hanging.
var WallLimit = 2 * time.Minute
