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
	known := map[string]option{}
	for _, o := range options {
		known[o.flag] = o
	}
	fs.VisitAll(func(f *flag.Flag) {
		o, ok := known[f.Name]
		if !ok {
			fmt.Fprintf(w, "  --%s\n        %s\n", f.Name, f.Usage)
			return
		}
		def := fmt.Sprintf("%q", o.def)
		if o.def == "" {
			def = "(empty)"
		}
		fmt.Fprintf(w, "  --%s  [env %s]  default %s\n        %s\n", o.flag, o.env, def, o.usage)
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
