//go:build !js

package agent

import (
	"io"
	"net/http"
	"testing"
)

// An answer the agent gave is written even when the run ends right after
// it (an agent error under --on-error exit answers 500, then the run
// stops and closes the listener).
func TestListenerAnswersBeforeClosing(t *testing.T) {
	for i := range 20 {
		l, err := Listen(0, 0)
		if err != nil {
			t.Fatal(err)
		}
		closed := make(chan struct{})
		l.setDeliver(func(r *Request) {
			go func() { // the agent's event loop, as Module.initHTTP posts it
				r.answer(textResponse(http.StatusInternalServerError, "Agent Error: boom"))
				l.Close()
				close(closed)
			}()
		})
		res, err := http.Get(l.URL() + "/x")
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 500 || string(body) != "Agent Error: boom" {
			t.Fatalf("request %d: %d %q", i, res.StatusCode, body)
		}
		<-closed
	}
}
