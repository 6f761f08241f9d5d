// Package libfetch downloads #require libraries by version into the local
// library cache, where impvm run, test and check find them.
//
// A library "Name.lib.nut:1.2.3" comes from its public repository: the
// gzip'd tar archive of the tag v1.2.3 (or 1.2.3) at
// BASE/Name/archive/refs/tags/TAG.tar.gz, BASE being Electric Imp's GitHub
// organisation unless configured otherwise. Its files named Name.*.nut
// (those at the top of the repository; else the first found outside test
// directories) are written to CACHE/Name/1.2.3/, one of the layouts the
// preprocessor searches. The files are written into a temporary directory
// beside the final one, read back and compared with the archive, and only
// then renamed into place: an interrupted or failed download leaves nothing
// half-written, and a version in the cache is complete.
package libfetch
