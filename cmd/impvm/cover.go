package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/impvm/impvm/cover"
)

// coverCmd is impvm cover: what an LCOV profile of impvm test --coverprofile
// (or impvm run --coverprofile) says, as a summary or an HTML page.
func coverCmd() *cobra.Command {
	var html, out string
	cmd := &cobra.Command{
		Use:   "cover [-html PROFILE [-o FILE]] | cover PROFILE",
		Short: "Show line coverage from an LCOV profile, as a summary or an HTML page",
		Long: `Cover reads an LCOV profile written by impvm test --coverprofile or
impvm run --coverprofile.

  impvm cover PROFILE               per-file coverage and the total
  impvm cover -html PROFILE         a self-contained HTML page of the sources
                                    with the lines that ran and those that did
                                    not, written to -o FILE (default: PROFILE
                                    with the extension .html)

Source files are read as the profile names them (relative to the current
directory).`,
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			fs := cmd.Flags()
			if err := fs.Parse(goStyleFlags(args)); err != nil {
				return err
			}
			if help, _ := fs.GetBool("help"); help {
				return cmd.Help()
			}
			args = fs.Args()
			profile := html
			if profile == "" {
				if len(args) != 1 {
					return fmt.Errorf("want a profile: impvm cover [-html] PROFILE")
				}
				profile = args[0]
			} else if len(args) > 0 {
				return fmt.Errorf("unexpected arguments after -html %s: %s", html, strings.Join(args, " "))
			}
			counts, err := readProfile(profile)
			if err != nil {
				return err
			}
			if html == "" {
				counts.WriteSummary(cmd.OutOrStdout())
				return nil
			}
			if out == "" {
				out = strings.TrimSuffix(profile, filepath.Ext(profile)) + ".html"
				if out == profile {
					out += ".html"
				}
			}
			err = writeFileAtomic(out, func(w io.Writer) error { return cover.WriteHTML(w, counts, os.ReadFile) })
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.ErrOrStderr(), "impvm: coverage page written to", out)
			return nil
		},
	}
	cmd.Flags().StringVar(&html, "html", "", "write an HTML page of the sources of this LCOV profile")
	cmd.Flags().StringVarP(&out, "output", "o", "", "file the HTML page is written to")
	cmd.Flags().BoolP("help", "h", false, "help for cover")
	return cmd
}

func readProfile(path string) (cover.Counts, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	c, err := cover.ReadLCOV(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return c, nil
}
