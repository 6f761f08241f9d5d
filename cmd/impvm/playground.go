//go:build !js

package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/impvm/impvm/playground"
)

func init() { extraCommands = append(extraCommands, command{"playground", playgroundCmd}) }

func playgroundCmd() *cobra.Command {
	var port int
	var out, wasm string
	cmd := &cobra.Command{
		Use:   "playground",
		Short: "Serve the impvm playground: Squirrel in the browser, on 127.0.0.1",
		Long: `Playground serves a web page that runs impvm itself, compiled to
WebAssembly, in the browser: an editor with tabs for device, agent and
plain Squirrel files, the command line that runs them, the output as
impvm prints it, the lessons of examples/learn and the LAN demo, and share
links that carry the code. Only 127.0.0.1 is served.

With --out DIR it writes the page as a static site instead (make
playground writes dist/playground).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if port < 0 || port > 65535 {
				fmt.Fprintf(cmd.ErrOrStderr(), "impvm: --port %d: want 0 (a free port) to 65535\n", port)
				return exitError{2}
			}
			assets, err := playground.Load(playground.Source{WASMFile: wasm})
			if err != nil {
				fmt.Fprintln(cmd.ErrOrStderr(), "impvm:", err)
				return exitError{1}
			}
			if out != "" {
				if err := playground.WriteSite(out, assets); err != nil {
					fmt.Fprintln(cmd.ErrOrStderr(), "impvm:", err)
					return exitError{1}
				}
				fmt.Fprintf(cmd.OutOrStdout(), "impvm: playground written to %s (%d KB of WebAssembly)\n", out, len(assets.WASM)/1024)
				return nil
			}
			return servePlayground(cmd, assets, port)
		},
	}
	cmd.Flags().IntVar(&port, "port", 0, "port on 127.0.0.1 (0: a free port, printed at start)")
	cmd.Flags().StringVar(&out, "out", "", "write the page as a static site into DIR instead of serving it")
	cmd.Flags().StringVar(&wasm, "wasm", "", "serve this WebAssembly build of impvm instead of the embedded one")
	return cmd
}

func servePlayground(cmd *cobra.Command, assets *playground.Assets, port int) error {
	h, err := playground.Handler(assets)
	if err != nil {
		fmt.Fprintln(cmd.ErrOrStderr(), "impvm:", err)
		return exitError{1}
	}
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		fmt.Fprintln(cmd.ErrOrStderr(), "impvm:", err)
		return exitError{1}
	}
	fmt.Fprintf(cmd.OutOrStdout(), "impvm playground serving at http://%s/  (Ctrl-C to stop)\n", ln.Addr())
	srv := &http.Server{Handler: h}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, terminations...)
	defer signal.Stop(stop)
	go func() {
		<-stop
		_ = srv.Close()
	}()
	if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
		fmt.Fprintln(cmd.ErrOrStderr(), "impvm:", err)
		return exitError{1}
	}
	return nil
}
