package main

import (
	"strings"
	"testing"
)

func TestCommandLine(t *testing.T) {
	cases := []struct {
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{[]string{"--help"}, 0, "MAX_BODY_BYTES", ""},
		{[]string{"ingest", "--help"}, 0, "--published-at", ""},
		{[]string{"--data-dir", "x", "ingest", "-h"}, 0, "--title", ""},
		{[]string{"bogus"}, 2, "", `unknown command "bogus"`},
		{[]string{"ingest"}, 2, "", "no PATH given"},
		{[]string{"--max-query-depth", "0"}, 2, "", "between 1 and"},
		{[]string{"ingest", "--title"}, 2, "", "title"},
	}
	for _, tc := range cases {
		var out, errs strings.Builder
		code := run(tc.args, &out, &errs)
		if code != tc.code || !strings.Contains(out.String(), tc.inStdout) || !strings.Contains(errs.String(), tc.inStderr) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", tc.args, code, out.String()[:min(80, out.Len())], errs.String())
		}
		if tc.code == 2 && strings.Count(strings.TrimSpace(errs.String()), "\n") != 0 {
			t.Errorf("%v: want one line, got %q", tc.args, errs.String())
		}
	}
}
