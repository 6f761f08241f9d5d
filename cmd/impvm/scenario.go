package main

import (
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/impvm/impvm/cover"
	"github.com/impvm/impvm/testrun"
)

// Golden scenarios (testrun.Scenario: a script beside NAME.golden, its
// expected log) run as impvm run runs code: runScenario is their
// testrun.Runner. The header's flags are impvm run's (device, agent,
// network and preprocessing flags); files are relative to the script's
// directory and named as written there, so goldens do not depend on where
// the tree lives. Scenarios always run in virtual time.
func runScenario(s *testrun.Scenario, stdout, stderr io.Writer) int {
	return runScenarioWith(s, nil, nil, stdout, stderr)
}

// runScenarioWith runs a scenario with extra preprocessing flags (impvm
// test's --lib and -D) before the header's, counting line coverage into
// cov when it is not nil.
func runScenarioWith(s *testrun.Scenario, extra *sourceFlags, cov *cover.Profile, stdout, stderr io.Writer) int {
	var f deviceFlags
	var sf sourceFlags
	fs := pflag.NewFlagSet(s.Name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f.register(fs)
	sf.register(fs)
	if err := fs.Parse(s.Args); err != nil {
		fmt.Fprintf(stderr, "impvm: %s: %v\n", s.Script, err)
		return 2
	}
	f.virtual = true
	if extra != nil {
		sf.libs = append(append([]string(nil), absPaths(extra.libs)...), sf.libs...)
		sf.defines = append(append([]string(nil), extra.defines...), sf.defines...)
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{s.Script}
	}
	opts, err := sf.options(s.Dir)
	if err != nil {
		fmt.Fprintf(stderr, "impvm: %s: %v\n", s.Script, err)
		return 2
	}
	if !f.device && !isDeviceFile(files[0]) {
		return runScriptLimits(files[0], files[1:], opts, scriptLimits{cov: cov}, stdout, stderr)
	}
	f.board.relativeTo(s.Dir)
	f.cov = cov
	cfg, err := f.config()
	if err != nil {
		fmt.Fprintf(stderr, "impvm: %s: %v\n", s.Script, err)
		return 2
	}
	if code := loadDevices(&f, opts, files, &cfg, s.Script+": ", stderr); code != 0 {
		return code
	}
	cfg.Out = stdout
	f.agent.web.relativeTo(s.Dir)
	return runWorld(cfg, &f.agent.web, stderr, false)
}
