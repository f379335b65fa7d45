package loaders

import (
	"slices"
	"sync"
)

// Sibling groups make batching deterministic. A time window alone splits a
// level into several store calls when goroutines are scheduled slowly
// (under load, or the race detector). So the loaders remember, for every
// object of a level, which objects are its siblings:
//
//   - the nodes of one list (a page of entities, a subgraph) are siblings
//     for edge reads;
//   - the other ends of the edges a group of siblings shows (a page of
//     relationships, an order's targets) are the next level's siblings
//     for node reads;
//   - nodes read together as one group are siblings for edge reads;
//   - groups that share a member are merged.
//
// The first sibling to ask then reads for all of them at once (LoadGroup),
// and the rest find their answer cached. Objects without a group fall back
// to the time window.

// maxGroup bounds a group, so that a hub with a huge neighbourhood does
// not make one request read far more than it shows.
const maxGroup = 5000

type group struct {
	ids  []string
	once sync.Once // the group's nodes were registered as an edge group
}

type groups struct {
	mu    sync.Mutex
	edges map[string]*group // node ID -> siblings for EdgesOf
	nodes map[string]*group // node ID -> siblings for Nodes

	// pending are the edge groups registered but not merged yet, in
	// order. Most answers (a subgraph drawn, a page of search hits) never
	// ask for their nodes' edges, so the merging waits for the first
	// edge lookup, which replays them in the order they came.
	pending [][]string

	seen map[string]bool // scratch set of mergeLocked, under mu
}

func newGroups() *groups {
	return &groups{edges: map[string]*group{}, nodes: map[string]*group{}, seen: map[string]bool{}}
}

func (g *groups) edgeGroup(id string) *group {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, ids := range g.pending {
		g.mergeLocked(g.edges, ids)
	}
	g.pending = nil
	return g.edges[id]
}

// later queues ids to be merged as an edge group (see pending).
func (g *groups) later(ids []string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.pending = append(g.pending, ids)
}

func (g *groups) nodeGroup(id string) *group {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.nodes[id]
}

// merge makes ids, together with every group one of them already
// belongs to, a single group: siblings reached by different paths (two
// edge fields of one level) then share one read. A union that would pass
// maxGroup is not made; members without a group get ids alone.
func (g *groups) merge(m map[string]*group, ids []string) *group {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.mergeLocked(m, ids)
}

func (g *groups) mergeLocked(m map[string]*group, ids []string) *group {
	// Most lists are new: none of their members has a group yet, and the
	// callers' lists hold each ID once, so the union is the list itself.
	// Otherwise the set of members is the request's one scratch set,
	// emptied but not freed: a nested walk merges lists at every level.
	joined := false
	for _, id := range ids {
		if m[id] != nil {
			joined = true
			break
		}
	}
	union := slices.Clone(ids)
	if joined {
		seen := g.seen
		clear(seen)
		for _, id := range ids {
			seen[id] = true
		}
		for _, id := range ids {
			if gr := m[id]; gr != nil {
				for _, x := range gr.ids {
					if !seen[x] {
						seen[x] = true
						union = append(union, x)
					}
				}
			}
		}
	}
	if len(union) > maxGroup {
		gr := &group{ids: ids}
		for _, id := range ids {
			if m[id] == nil {
				m[id] = gr
			}
		}
		return gr
	}
	gr := &group{ids: union}
	for _, id := range union {
		m[id] = gr
	}
	return gr
}

// listed registers the nodes of one list as siblings for edge reads.
func (g *groups) listed(ids []string) {
	if len(ids) < 2 || len(ids) > maxGroup {
		return
	}
	g.later(ids)
}

// root registers a node asked for by a root field as a group of one.
func (g *groups) root(id string) {
	g.later([]string{id})
}

// nodesRead registers a node group, once, as an edge group too.
func (g *groups) nodesRead(gr *group) {
	gr.once.Do(func() { g.later(gr.ids) })
}

// shown registers the nodes at the other ends of the edges one level
// shows as the siblings for the next level's node reads.
func (g *groups) shown(ids []string) {
	if len(ids) == 0 || len(ids) > maxGroup {
		return
	}
	g.merge(g.nodes, ids)
}
