// Package cover is line coverage of Squirrel code: which lines of which
// files ran, and how often.
//
// Code compiled with compile.Options.Cover carries a COVER instruction at
// the start of every statement, counting into its function's
// runtime.Proto.Counts; code compiled without it has none, so coverage
// costs nothing when it is off. A Profile keeps the compiled functions and,
// at the end of a run, turns their counters into Counts: hits per line of
// each original file, through the preprocessor's line map (a #require'd
// library's lines are the library's, an @include'd file's its own).
//
// A line's count is how many times a statement starting on it ran (for
// several statements on one line, the most-run one); lines where no
// statement starts (comments, braces, "else") are not counted at all.
// Counts of separate runs (test files, devices) add up. Counts are written
// as LCOV tracefiles (WriteLCOV, read back by ReadLCOV), as a per-file
// summary and as a self-contained HTML page of the sources (WriteHTML).
package cover
