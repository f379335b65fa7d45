// Command newsgraph serves a knowledge graph of news documents over
// GraphQL, and loads documents into it from the command line:
//
//	newsgraph [options]                 serve (GraphQL at /query, playground at /)
//	newsgraph ingest [options] PATH...  load *.txt/*.md files or folders into the store
//
// Every option is also an environment variable; see --help.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/newsgraph/newsgraph/internal/config"
)

const synopsis = `usage:
  newsgraph [options]                 serve the knowledge graph over GraphQL
  newsgraph ingest [options] PATH...  load documents (*.txt, *.md; folders recursively;
                                      metadata from front matter, a PATH.json sidecar or flags)
  newsgraph ingest --server URL PATH... the same, through a running server's API (needs API_TOKEN)`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches the command line and returns the exit code: 0 on success,
// 1 when the work failed, 2 when the command line or configuration is wrong.
func run(args []string, stdout, stderr io.Writer) int {
	cfg, fs, err := config.Parse("newsgraph", args, os.LookupEnv, nil)
	if errors.Is(err, config.ErrHelp) {
		config.Usage(stdout, fs, synopsis)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "newsgraph: %v\n", err)
		return 2
	}
	if fs.NArg() == 0 {
		return serve(cfg, stderr)
	}
	if fs.Arg(0) != "ingest" {
		fmt.Fprintf(stderr, "newsgraph: unknown command %q (the only command is ingest; see --help)\n", fs.Arg(0))
		return 2
	}
	// Parse again with the ingest flags, options before and after the word
	// "ingest" alike.
	at := len(args) - fs.NArg()
	rest := slices.Concat(args[:at], args[at+1:])
	var meta ingestMeta
	cfg, fs, err = config.Parse("newsgraph ingest", rest, os.LookupEnv, meta.register)
	if errors.Is(err, config.ErrHelp) {
		config.Usage(stdout, fs, synopsis)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "newsgraph ingest: %v\n", err)
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "newsgraph ingest: no PATH given (files or folders of *.txt/*.md documents)")
		return 2
	}
	return ingest(cfg, meta, fs.Args(), stdout, stderr)
}

// ingestMeta are the ingest command's own flags.
type ingestMeta struct{ title, source, url, publishedAt, server string }

func (m *ingestMeta) register(fs *flag.FlagSet) {
	fs.StringVar(&m.title, "title", "", "ingest: title of the document(s), overriding front matter and sidecar")
	fs.StringVar(&m.source, "source", "", "ingest: publisher or agency of the document(s)")
	fs.StringVar(&m.url, "url", "", "ingest: URL of the document(s)")
	fs.StringVar(&m.publishedAt, "published-at", "", "ingest: publication date, YYYY-MM-DD, YYYY-MM or YYYY")
	fs.StringVar(&m.server, "server", "", "ingest: send the documents to a running server's API (e.g. http://localhost:8080) with API_TOKEN, instead of opening DATA_DIR, which the server holds")
}
