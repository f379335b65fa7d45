package config

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// Usage writes the help text: the synopsis, then every flag of fs with its
// environment variable and default, so --help is the configuration
// reference.
func Usage(w io.Writer, fs *flag.FlagSet, synopsis string) {
	fmt.Fprintf(w, "%s\n\nOptions (flag, environment variable, default):\n", strings.TrimSpace(synopsis))
	known := map[string]bool{}
	for _, o := range options {
		known[o.flag] = true
		def := fmt.Sprintf("%q", o.def)
		if o.def == "" {
			def = "(empty)"
		}
		fmt.Fprintf(w, "  --%s  [env %s]  default %s\n        %s\n", o.flag, o.env, def, o.usage)
	}
	first := true
	fs.VisitAll(func(f *flag.Flag) {
		if known[f.Name] {
			return
		}
		if first {
			fmt.Fprintf(w, "\nCommand options:\n")
			first = false
		}
		fmt.Fprintf(w, "  --%s\n        %s\n", f.Name, f.Usage)
	})
}

// Option describes one setting for documentation (the README's table).
type Option struct {
	Flag, Env, Default, Usage string
}

// Options lists every setting in --help order.
func Options() []Option {
	out := make([]Option, 0, len(options))
	for _, o := range options {
		out = append(out, Option{Flag: o.flag, Env: o.env, Default: o.def, Usage: o.usage})
	}
	return out
}
