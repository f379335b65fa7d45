package e2e

import (
	"strings"
	"testing"
)

// TestCollectorPolicy checks that the server applies its collector policy
// at start, before it opens the store: the default (GOGC 400 and an automatic memory
// limit) when the environment sets neither variable, or sets them empty
// as the runtime allows, and the environment's values when it does.
func TestCollectorPolicy(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		env  []string
		want string
	}{
		{[]string{"GOGC=", "GOMEMLIMIT="}, `"policy":"GOGC=400 GOMEMLIMIT=`},
		{[]string{"GOGC=150", "GOMEMLIMIT=2GiB"}, `"policy":"GOGC=150 GOMEMLIMIT=2.0GiB"`},
		{[]string{"GOGC=off", "GOMEMLIMIT=off"}, `"policy":"GOGC=off GOMEMLIMIT=off"`},
	} {
		s := start(t, t.TempDir(), c.env...)
		// Read the logs once the process has exited: until then a line
		// written before /readyz answered may still be in the pipe that
		// carries stderr to the buffer.
		s.stop()
		logs := s.logs.String()
		if !strings.Contains(logs, c.want) {
			t.Errorf("with %v the logs lack %s:\n%s", c.env, c.want, logs)
		}
	}
}
