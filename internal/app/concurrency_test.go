package app

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestConcurrentIngestAndQuery drives the production handler from many
// goroutines at once, ingesting and reading, so that the race detector
// sees the whole stack (HTTP layer, resolvers, loader, store) under
// contention. Every request must succeed.
func TestConcurrentIngestAndQuery(t *testing.T) {
	a := open(t, map[string]string{})
	a.SetReady()
	h := a.Handler("token-0123456789abcdef")
	files, _ := filepath.Glob("../../seed/*.txt")
	var seeds []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		seeds = append(seeds, string(b))
	}
	if len(seeds) == 0 {
		t.Fatal("no seed documents")
	}
	send := func(query string, vars map[string]any) (string, int) {
		b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		r := httptest.NewRequest("POST", "/query", strings.NewReader(string(b)))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Authorization", "Bearer token-0123456789abcdef")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Body.String(), w.Code
	}
	const workers, rounds = 6, 8
	var wg sync.WaitGroup
	errs := make(chan string, workers*rounds*2)
	for g := 0; g < workers; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < rounds; i++ {
				text := fmt.Sprintf("Bulletin %d-%d\n\n%s", g, i, seeds[(g+i)%len(seeds)])
				if body, code := send(`mutation($t: String!) { ingestDocument(input: {text: $t}) { created document { id } } }`, map[string]any{"t": text}); code != 200 || strings.Contains(body, `"errors"`) {
					errs <- fmt.Sprintf("ingest: %d %.200s", code, body)
				}
				if body, code := send(`{ search(query: "Kaspersky") { node { id } } entities(first: 10) { totalCount edges { node { id name } } } stats { documents } timeline { date } }`, nil); code != 200 || strings.Contains(body, `"errors"`) {
					errs <- fmt.Sprintf("query: %d %.200s", code, body)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	body, _ := send(`{ stats { documents } }`, nil)
	if want := fmt.Sprintf(`"documents":%d`, workers*rounds); !strings.Contains(body, want) {
		t.Errorf("stats %s, want %s", body, want)
	}
}
