package neo4jstore

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/kg"
)

// Nodes fetches any number of nodes in one round trip.
func (s *Store) Nodes(ctx context.Context, ids []string) ([]*kg.Node, error) {
	out := make([]*kg.Node, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	res, err := s.read(ctx, stmt("read_nodes"), map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	byID := map[string]*kg.Node{}
	for _, r := range res.Records {
		v, _ := r.Get("n")
		n := decodeNode(v)
		byID[n.ID] = &n
	}
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out, nil
}

// Summaries is Nodes returning summaries (see kg.Store). The statement
// is Nodes': the lists still cross the wire, but a Bolt answer is a fresh
// copy anyway, so cutting them here keeps the contract at no extra cost.
func (s *Store) Summaries(ctx context.Context, ids []string) ([]*kg.Node, error) {
	out, err := s.Nodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, n := range out {
		if n != nil {
			*n = n.Summarized()
		}
	}
	return out, nil
}

// Documents fetches any number of documents in one round trip.
func (s *Store) Documents(ctx context.Context, ids []string) ([]*kg.Document, error) {
	out := make([]*kg.Document, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	res, err := s.read(ctx, stmt("read_documents"), map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	byID := map[string]*kg.Document{}
	for _, r := range res.Records {
		v, _ := r.Get("d")
		d := decodeDocument(v)
		byID[d.ID] = &d
	}
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out, nil
}

// FindDocuments returns near-duplicate candidates for the loader.
func (s *Store) FindDocuments(ctx context.Context, q kg.DocumentQuery) ([]kg.Document, error) {
	if len(q.Bands) == 0 && q.Cluster == "" {
		return nil, nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	res, err := s.read(ctx, stmt("read_find_documents"), map[string]any{
		"bands": strs(q.Bands), "cluster": q.Cluster, "limit": int64(limit)})
	if err != nil {
		return nil, err
	}
	out := make([]kg.Document, 0, len(res.Records))
	for _, r := range res.Records {
		v, _ := r.Get("d")
		out = append(out, decodeDocument(v))
	}
	return out, nil
}

// Lookup finds nodes of kind whose name or an alias has alias's key.
func (s *Store) Lookup(ctx context.Context, kind kg.Kind, alias string) ([]kg.Node, error) {
	key := kg.AliasKey(alias)
	if key == "" || (kind != "" && !kind.Valid()) {
		return nil, nil
	}
	res, err := s.read(ctx, stmt("read_lookup"), map[string]any{"kind": string(kind), "needle": "|" + key + "|"})
	if err != nil {
		return nil, err
	}
	return decodeNodes(res.Records, "n"), nil
}

// Search ranks nodes by name and alias match, server side: exact key,
// key prefix and substring through the alias-key text index, typos through
// the full-text index.
func (s *Store) Search(ctx context.Context, q kg.SearchQuery) ([]kg.SearchHit, error) {
	key := kg.AliasKey(q.Text)
	if key == "" {
		return nil, nil
	}
	first := q.First
	if first <= 0 {
		first = defaultSearchSize
	}
	kinds := make([]string, 0, len(q.Kinds))
	for _, k := range q.Kinds {
		kinds = append(kinds, string(k))
	}
	params := map[string]any{
		"key":    key,
		"needle": "|" + key + "|",
		"prefix": "|" + key,
		"fuzzy":  fuzzyQuery(key),
		"kinds":  kinds,
		"first":  int64(first),
	}
	res, err := s.read(ctx, stmt("read_search_keys"), params)
	if err != nil {
		return nil, err
	}
	out := make([]kg.SearchHit, 0, len(res.Records))
	seen := map[string]bool{}
	for _, r := range res.Records {
		v, _ := r.Get("n")
		score, _ := r.Get("score")
		f, _ := score.(float64)
		n := decodeNode(v)
		seen[n.ID] = true
		out = append(out, kg.SearchHit{Node: n, Score: f})
	}
	if len(out) >= first || fuzzyQuery(key) == "" {
		return out, nil
	}
	// Too few key matches: ask the full-text index for near spellings.
	res, err = s.read(ctx, stmt("read_search_fuzzy"), params)
	if err != nil {
		return nil, err
	}
	for _, r := range res.Records {
		v, _ := r.Get("n")
		n := decodeNode(v)
		if seen[n.ID] || len(out) == first {
			continue
		}
		seen[n.ID] = true
		out = append(out, kg.SearchHit{Node: n, Score: fuzzyScore})
	}
	return out, nil
}

// fuzzyScore ranks typo-tolerant matches below every key match (the
// embedded store gives 0.1 to 0.2 by edit distance; Lucene does not report
// the distance, so one value in that range).
const fuzzyScore = 0.15

// fuzzyQuery is a Lucene query asking every word of key within the edit
// distance the embedded store allows for the whole query: none under 4
// characters (then it returns ""), 1 under 8, else 2. AliasKey leaves only
// lower-case letters, digits and single spaces, so no Lucene syntax can
// come from the input.
func fuzzyQuery(key string) string {
	n := utf8.RuneCountInString(key)
	if n < 4 {
		return ""
	}
	d := "~1"
	if n >= 8 {
		d = "~2"
	}
	words := strings.Fields(key)
	for i, w := range words {
		words[i] = w + d
	}
	return strings.Join(words, " AND ")
}

func decodeNodes(recs []*neo4j.Record, key string) []kg.Node {
	out := make([]kg.Node, 0, len(recs))
	for _, r := range recs {
		v, _ := r.Get(key)
		out = append(out, decodeNode(v))
	}
	return out
}
