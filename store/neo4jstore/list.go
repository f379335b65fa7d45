package neo4jstore

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

const defaultPageSize = 20

// typeNames turns requested types into the parameter list, or the default
// set (all types minus those excluded) when none is requested. Unknown
// types are dropped: they can match nothing.
func typeNames(ts []kg.RelType, exclude ...kg.RelType) []string {
	var out []string
	if len(ts) == 0 {
		for _, t := range kg.RelTypes {
			skip := false
			for _, x := range exclude {
				skip = skip || t == x
			}
			if !skip {
				out = append(out, string(t))
			}
		}
		return out
	}
	out = []string{}
	for _, t := range ts {
		if t.Valid() {
			out = append(out, string(t))
		}
	}
	return out
}

func kindNames(ks []kg.Kind) []string {
	out := []string{}
	for _, k := range ks {
		if k.Valid() {
			out = append(out, string(k))
		}
	}
	return out
}

// Entities lists nodes with filtering, sorting and keyset pagination: a
// count and a page, both computed by the server.
func (s *Store) Entities(ctx context.Context, f kg.EntityFilter, p kg.Page) (kg.NodePage, error) {
	first := p.First
	if first <= 0 {
		first = defaultPageSize
	}
	params := map[string]any{
		"kinds":       kindNames(f.Kinds),
		"contains":    strings.ToLower(strings.TrimSpace(f.NameContains)),
		"document":    f.Document,
		"seenFrom":    "",
		"seenTo":      "",
		"minMentions": int64(f.MinMentions),
		"afterId":     "",
		"afterKey":    "",
		"afterCount":  int64(0),
		"limit":       int64(first + 1),
	}
	if f.SeenFrom != "" {
		params["seenFrom"] = kg.RangeStart(f.SeenFrom)
	}
	if f.SeenTo != "" {
		params["seenTo"] = kg.RangeEnd(f.SeenTo)
	}
	sortBy := f.Sort
	if sortBy == "" {
		sortBy = kg.SortByName
	}
	var name string
	switch sortBy {
	case kg.SortByName:
		name = "read_entities_by_name"
	case kg.SortByMentions:
		name = "read_entities_by_mentions"
	case kg.SortByFirstSeen:
		name = "read_entities_by_first_seen"
	default:
		return kg.NodePage{}, kg.Errorf(kg.CodeBadUserInput, "unknown sort %s", kg.Echo(string(sortBy)))
	}
	if p.After != "" {
		parts, err := kg.DecodeCursor(p.After, 3)
		if err != nil {
			return kg.NodePage{}, err
		}
		if parts[0] != string(sortBy) {
			return kg.NodePage{}, kg.Errorf(kg.CodeBadUserInput, "invalid cursor: it belongs to another sort order")
		}
		parts = parts[1:]
		params["afterKey"], params["afterId"] = parts[0], parts[1]
		if sortBy == kg.SortByMentions {
			n, err := strconv.ParseInt(parts[0], 10, 64)
			if err != nil {
				return kg.NodePage{}, kg.Errorf(kg.CodeBadUserInput, "invalid cursor")
			}
			params["afterCount"] = n
		}
	}
	total, err := s.count(ctx, "read_entities_count", params)
	if err != nil {
		return kg.NodePage{}, err
	}
	res, err := s.read(ctx, stmt(name), params)
	if err != nil {
		return kg.NodePage{}, err
	}
	page := kg.NodePage{TotalCount: total}
	for i, r := range res.Records {
		if i == first {
			page.HasNextPage = true
			break
		}
		v, _ := r.Get("n")
		n := decodeNode(v)
		var key string
		switch sortBy {
		case kg.SortByName:
			key = strings.ToLower(n.Name)
		case kg.SortByMentions:
			key = strconv.Itoa(len(n.Mentions))
		default:
			key = seenSort(n.FirstSeen)
		}
		page.Nodes = append(page.Nodes, n)
		page.Cursors = append(page.Cursors, kg.EncodeCursor(string(sortBy), key, n.ID))
	}
	return page, nil
}

func (s *Store) count(ctx context.Context, name string, params map[string]any) (int, error) {
	res, err := s.read(ctx, stmt(name), params)
	if err != nil {
		return 0, err
	}
	if len(res.Records) == 0 {
		return 0, nil
	}
	v, _ := res.Records[0].Get("total")
	n, _ := v.(int64)
	return int(n), nil
}

// edgesAround prepares the parameters shared by the statements that read
// the edges around many nodes, and names the statement for f's direction
// among those called prefix+"out", "in" and "both".
func edgesAround(prefix string, ids []string, f kg.EdgeFilter) (name string, params map[string]any, err error) {
	dir := f.Direction
	if dir == "" {
		dir = kg.DirectionBoth
	}
	params = map[string]any{
		"ids":        ids,
		"types":      typeNames(f.Types, kg.RelMentions),
		"minSources": int64(f.MinSources),
		"seenFrom":   "",
		"seenTo":     "",
	}
	if f.SeenFrom != "" {
		params["seenFrom"] = kg.RangeStart(f.SeenFrom)
	}
	if f.SeenTo != "" {
		params["seenTo"] = kg.RangeEnd(f.SeenTo)
	}
	switch dir {
	case kg.DirectionOut:
		name = prefix + "out"
	case kg.DirectionIn:
		name = prefix + "in"
	case kg.DirectionBoth:
		name = prefix + "both"
	default:
		return "", nil, kg.Errorf(kg.CodeBadUserInput, "unknown direction %s", kg.Echo(string(dir)))
	}
	return name, params, nil
}

// EdgesOf returns the edges around many nodes in one round trip.
func (s *Store) EdgesOf(ctx context.Context, ids []string, f kg.EdgeFilter) (map[string][]kg.Edge, error) {
	out := make(map[string][]kg.Edge, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	name, params, err := edgesAround("read_edges_of_", ids, f)
	if err != nil {
		return nil, err
	}
	res, err := s.read(ctx, stmt(name), params)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, r := range res.Records {
		id, _ := r.Get("around")
		e := edgeFromRecord(r)
		key, _ := id.(string)
		if seen[key+"\x00"+e.ID] {
			continue // a self-loop matches both directions
		}
		seen[key+"\x00"+e.ID] = true
		out[key] = append(out[key], e)
	}
	for _, es := range out {
		slices.SortFunc(es, func(a, b kg.Edge) int { return strings.Compare(a.ID, b.ID) })
	}
	return out, nil
}

// Edges lists relationships across the graph by ID, keyset-paginated.
func (s *Store) Edges(ctx context.Context, q kg.EdgeQuery, p kg.Page) (kg.EdgePage, error) {
	first := p.First
	if first <= 0 {
		first = defaultPageSize
	}
	params := map[string]any{
		"types":          typeNames(q.Types, kg.RelMentions),
		"source":         q.Source,
		"target":         q.Target,
		"document":       q.Document,
		"minSources":     int64(q.MinSources),
		"minIndependent": int64(q.MinIndependent),
		"after":          "",
		"limit":          int64(first + 1),
	}
	if p.After != "" {
		parts, err := kg.DecodeCursor(p.After, 1)
		if err != nil {
			return kg.EdgePage{}, err
		}
		params["after"] = parts[0]
	}
	total, err := s.count(ctx, "read_edges_count", params)
	if err != nil {
		return kg.EdgePage{}, err
	}
	res, err := s.read(ctx, stmt("read_edges_page"), params)
	if err != nil {
		return kg.EdgePage{}, err
	}
	page := kg.EdgePage{TotalCount: total}
	for i, r := range res.Records {
		if i == first {
			page.HasNextPage = true
			break
		}
		e := edgeFromRecord(r)
		page.Edges = append(page.Edges, e)
		page.Cursors = append(page.Cursors, kg.EncodeCursor(e.ID))
	}
	return page, nil
}
