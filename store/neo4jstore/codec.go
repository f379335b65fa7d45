package neo4jstore

import (
	"encoding/json"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/kg"
)

// flatAttrs are the well-known attributes also written as plain properties
// so that a hand-written Cypher query can say `d.date` or `o.orderType`;
// the JSON `attrs` property stays the source of truth.
var flatAttrs = []string{kg.AttrDate, kg.AttrPrecision, kg.AttrOrderType, kg.AttrTitle,
	kg.AttrRole, kg.AttrStatement, kg.AttrModality}

// nodeProps is what a node is stored as. Besides the record itself it
// keeps derived keys the queries filter and sort on.
func nodeProps(n *kg.Node) map[string]any {
	names := append([]string{n.Name}, n.Aliases...)
	keys := aliasKeys(names)
	p := map[string]any{
		"id":        n.ID,
		"kind":      string(n.Kind),
		"name":      n.Name,
		"aliases":   strs(n.Aliases),
		"attrs":     jsonText(n.Attrs),
		"facts":     jsonText(n.Facts),
		"mentions":  jsonText(n.Mentions),
		"documents": strs(n.Documents),
		"firstSeen": optional(n.FirstSeen),
		"lastSeen":  optional(n.LastSeen),
		"seenSort":  seenSort(n.FirstSeen),
		// The day bounds of the seen period, for date filters on any
		// precision: "2024" last seen still counts as seen in June 2024.
		"firstSeenStart": optional(kg.RangeStart(n.FirstSeen)),
		"lastSeenEnd":    optional(kg.RangeEnd(n.LastSeen)),
		"mentionCount":   int64(len(n.Mentions)),
		"nameKey":        kg.AliasKey(n.Name),
		"aliasKeys":      keys,
		"aliasKeyText":   "|" + strings.Join(keys, "|") + "|",
		"aliasText":      strings.Join(n.Aliases, "\n"),
		"searchLower":    strings.ToLower(strings.Join(names, "\n")),
		"sortName":       strings.ToLower(n.Name),
	}
	for _, k := range flatAttrs {
		p[k] = optional(n.Attrs[k])
	}
	if n.Kind == kg.KindDate {
		iso := n.Attrs[kg.AttrDate]
		if iso == "" {
			iso = strings.TrimPrefix(n.ID, "date:")
		}
		p["rangeStart"] = kg.RangeStart(iso)
		p["rangeEnd"] = kg.RangeEnd(iso)
	}
	return p
}

// seenSort orders unknown first-seen dates after every real date.
func seenSort(first string) string {
	if first == "" {
		return "~"
	}
	return first
}

// documentProps is what a document is stored as: a DOCUMENT node (named by
// its title or first line) carrying the full document record.
func documentProps(d *kg.Document, n kg.Node) map[string]any {
	p := nodeProps(&n)
	sig := make([]int64, len(d.Signature))
	for i, v := range d.Signature {
		sig[i] = int64(v) // Bolt integers are signed; the bits round-trip
	}
	p["title"] = d.Title
	p["source"] = d.Source
	p["url"] = d.URL
	p["publishedAt"] = d.PublishedAt
	p["byline"] = d.Byline
	p["dateline"] = d.Dateline
	p["text"] = d.Text
	p["cluster"] = d.Cluster
	p["signature"] = sig
	p["bands"] = strs(d.Bands)
	p["ingestedAt"] = d.IngestedAt.UTC().Format(time.RFC3339Nano)
	return p
}

// documentNode is the node view of a document.
func documentNode(d *kg.Document) kg.Node {
	return kg.Node{
		ID:        d.ID,
		Kind:      kg.KindDocument,
		Name:      kg.DocumentName(d),
		Documents: []string{d.ID},
		FirstSeen: d.PublishedAt,
		LastSeen:  d.PublishedAt,
	}
}

// edgeProps is what a relationship is stored as. Source, target and type
// are the relationship's own endpoints and type, not properties.
func edgeProps(e *kg.Edge) map[string]any {
	p := map[string]any{
		"id":                 e.ID,
		"attrs":              jsonText(e.Attrs),
		"evidence":           jsonText(e.Evidence),
		"documents":          strs(e.Documents),
		"clusters":           strs(e.Clusters),
		"sources":            int64(len(e.Documents)),
		"independentSources": int64(len(e.Clusters)),
		"firstSeen":          optional(e.FirstSeen),
		"lastSeen":           optional(e.LastSeen),
		"firstSeenStart":     optional(kg.RangeStart(e.FirstSeen)),
		"lastSeenEnd":        optional(kg.RangeEnd(e.LastSeen)),
	}
	for _, k := range flatAttrs {
		p[k] = optional(e.Attrs[k])
	}
	return p
}

func aliasKeys(names []string) []string {
	seen := map[string]bool{}
	var keys []string
	for _, n := range names {
		if k := kg.AliasKey(n); k != "" && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

func strs(v []string) []string {
	if v == nil {
		return []string{}
	}
	return v
}

func optional(s string) any {
	if s == "" {
		return nil // SET += with null removes the property
	}
	return s
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "null" // only plain data is marshalled; cannot happen
	}
	return string(b)
}

// props returns the property map of a node or relationship value.
func props(v any) map[string]any {
	switch x := v.(type) {
	case neo4j.Node:
		return x.Props
	case neo4j.Relationship:
		return x.Props
	case map[string]any:
		return x
	}
	return nil
}

func str(p map[string]any, k string) string {
	s, _ := p[k].(string)
	return s
}

func num(p map[string]any, k string) int64 {
	switch v := p[k].(type) {
	case int64:
		return v
	case float64:
		return int64(v)
	}
	return 0
}

func strList(p map[string]any, k string) []string {
	raw, _ := p[k].([]any)
	if len(raw) == 0 {
		return nil
	}
	out := make([]string, 0, len(raw))
	for _, v := range raw {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func fromJSON[T any](p map[string]any, k string) T {
	var v T
	if s := str(p, k); s != "" {
		_ = json.Unmarshal([]byte(s), &v) // written by jsonText; a bad value reads as empty
	}
	return v
}

// decodeNode rebuilds a kg.Node from stored properties, its counts set.
func decodeNode(v any) kg.Node {
	p := props(v)
	return kg.Node{
		ID:        str(p, "id"),
		Kind:      kg.Kind(str(p, "kind")),
		Name:      str(p, "name"),
		Aliases:   strList(p, "aliases"),
		Attrs:     fromJSON[map[string]string](p, "attrs"),
		Facts:     fromJSON[[]kg.Fact](p, "facts"),
		Mentions:  fromJSON[[]kg.Evidence](p, "mentions"),
		Documents: strList(p, "documents"),
		FirstSeen: str(p, "firstSeen"),
		LastSeen:  str(p, "lastSeen"),
	}.Counted()
}

// decodeSummary is decodeNode for graph answers, which carry summaries
// (see kg.Store).
func decodeSummary(v any) kg.Node { return decodeNode(v).Summarized() }

// decodeEdge rebuilds a kg.Edge from a relationship and its endpoints'
// IDs, its counts set.
func decodeEdge(v any, source, target string) kg.Edge {
	p := props(v)
	e := kg.Edge{
		ID:        str(p, "id"),
		Source:    source,
		Target:    target,
		Attrs:     fromJSON[map[string]string](p, "attrs"),
		Evidence:  fromJSON[[]kg.Evidence](p, "evidence"),
		Documents: strList(p, "documents"),
		Clusters:  strList(p, "clusters"),
		FirstSeen: str(p, "firstSeen"),
		LastSeen:  str(p, "lastSeen"),
	}
	if r, ok := v.(neo4j.Relationship); ok {
		e.Type = kg.RelType(r.Type)
	}
	return e.Counted()
}

// decodeEdgeSummary is decodeEdge for graph answers, which carry edge
// summaries (see kg.Store). The lists still cross the wire, but a Bolt
// answer is a fresh copy anyway, so cutting them here keeps the contract
// and spares the caller's heap.
func decodeEdgeSummary(v any, source, target string) kg.Edge {
	return decodeEdge(v, source, target).Summarized()
}

// decodeDocument rebuilds a kg.Document from a :Document node.
func decodeDocument(v any) kg.Document {
	p := props(v)
	raw, _ := p["signature"].([]any)
	var sig []uint64
	for _, x := range raw {
		if i, ok := x.(int64); ok {
			sig = append(sig, uint64(i))
		}
	}
	at, _ := time.Parse(time.RFC3339Nano, str(p, "ingestedAt"))
	return kg.Document{
		ID:          str(p, "id"),
		Title:       str(p, "title"),
		Source:      str(p, "source"),
		URL:         str(p, "url"),
		PublishedAt: str(p, "publishedAt"),
		Byline:      str(p, "byline"),
		Dateline:    str(p, "dateline"),
		Text:        str(p, "text"),
		Cluster:     str(p, "cluster"),
		Signature:   sig,
		Bands:       strList(p, "bands"),
		IngestedAt:  at,
	}
}
