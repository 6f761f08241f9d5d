// Package source reads Squirrel files for the commands that compile them
// (impvm run, check and test): the file is preprocessed (#require, the
// Builder subset), and errors are reported at the original file and line,
// inside a library or an included file as in the main file.
package source
