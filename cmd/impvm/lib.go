package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/impvm/impvm/libfetch"
	"github.com/impvm/impvm/preproc"
)

// libCmd is impvm lib: the local cache of #require libraries.
func libCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lib",
		Short: "Manage the local cache of #require libraries",
	}
	cmd.AddCommand(libGetCmd())
	return cmd
}

// libGetFlags are the flags of impvm lib get.
type libGetFlags struct {
	src     sourceFlags
	baseURL string
	offline bool
}

func (f *libGetFlags) register(fs *pflag.FlagSet) {
	f.src.register(fs)
	fs.StringVar(&f.baseURL, "base-url", "", "where library repositories are (default $IMPVM_LIB_URL or "+libfetch.DefaultBaseURL+")")
	fs.BoolVar(&f.offline, "offline", false, "download nothing: check that the libraries are in the cache")
}

func libGetCmd() *cobra.Command {
	var f libGetFlags
	cmd := &cobra.Command{
		Use:   "get [flags] Name@1.2.3... | FILE...",
		Short: "Download #require libraries by version into the local cache",
		Long: `Get downloads libraries at a version from their public repositories into
the local library cache, where impvm run, test and check find them.

Each argument is a library, Name@1.2.3 or Name.lib.nut:1.2.3 (as #require
names it), or a Squirrel FILE: every library its #require lines name
(after preprocessing with -D and --lib) is fetched.

A library comes from BASE/Name/archive/refs/tags/v1.2.3.tar.gz (or the tag
1.2.3), BASE being --base-url, $IMPVM_LIB_URL or ` + libfetch.DefaultBaseURL + `.
The cache is the first directory of $IMPVM_LIB, else impvm/lib in the user's
cache directory (searched by run, test and check when $IMPVM_LIB is not
set). A library already there is not downloaded again; with --offline
nothing is downloaded and a library missing from the cache is an error.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return exitWith(libGet(args, &f, cmd.OutOrStdout(), cmd.ErrOrStderr()))
		},
	}
	f.register(cmd.Flags())
	return cmd
}

func libGet(args []string, flags *libGetFlags, stdout, stderr io.Writer) int {
	libs, code := librariesOf(args, &flags.src, stderr)
	if code != 0 {
		return code
	}
	cache, err := libfetch.DefaultCache(os.LookupEnv)
	if err != nil {
		fmt.Fprintln(stderr, "impvm:", err)
		return 2
	}
	baseURL := flags.baseURL
	if baseURL == "" {
		baseURL = os.Getenv("IMPVM_LIB_URL")
	}
	f := &libfetch.Fetcher{Cache: cache, BaseURL: baseURL}
	failed := 0
	for _, l := range libs {
		if p := f.Cached(l); p != "" {
			fmt.Fprintf(stdout, "%s: in the cache: %s\n", l, p)
			continue
		}
		if flags.offline {
			fmt.Fprintf(stderr, "impvm: %s: not in the cache %s (--offline: not downloaded)\n", l, cache)
			failed++
			continue
		}
		p, _, err := f.Get(context.Background(), l)
		if err != nil {
			fmt.Fprintln(stderr, "impvm:", err)
			failed++
			continue
		}
		fmt.Fprintf(stdout, "%s: downloaded to %s\n", l, p)
	}
	if failed > 0 {
		return 1
	}
	return 0
}

// librariesOf turns lib get's arguments into libraries: specs as given,
// files as the libraries of their #require lines, each library once.
func librariesOf(args []string, sf *sourceFlags, stderr io.Writer) ([]libfetch.Lib, int) {
	opts, err := sf.options("")
	if err != nil {
		fmt.Fprintln(stderr, "impvm:", err)
		return nil, 2
	}
	opts.AllowMissing = true
	var libs []libfetch.Lib
	seen := map[libfetch.Lib]bool{}
	add := func(l libfetch.Lib) {
		if !seen[l] {
			seen[l] = true
			libs = append(libs, l)
		}
	}
	for _, a := range args {
		if st, err := os.Stat(a); err == nil && !st.IsDir() || strings.HasSuffix(a, ".nut") && !strings.ContainsAny(a, "@:") {
			src, err := os.ReadFile(a)
			if err != nil {
				fmt.Fprintln(stderr, "impvm:", err)
				return nil, 1
			}
			out, err := preproc.Process(a, src, opts)
			if err != nil {
				fmt.Fprintln(stderr, err)
				return nil, 1
			}
			for _, r := range out.Requires {
				l, err := libfetch.ParseSpec(r.File + ":" + r.Version)
				if err != nil {
					fmt.Fprintf(stderr, "%s:%d: %v\n", r.At.File, r.At.Line, err)
					return nil, 1
				}
				add(l)
			}
			continue
		}
		l, err := libfetch.ParseSpec(a)
		if err != nil {
			fmt.Fprintln(stderr, "impvm: lib get:", err)
			return nil, 2
		}
		add(l)
	}
	return libs, 0
}
