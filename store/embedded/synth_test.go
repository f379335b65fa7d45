package embedded

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/kg"
)

// synth makes deterministic synthetic extractions over a fixed pool of
// named entities, for benchmarks and stress tests. A few hub entities
// appear in many documents, as heads of state and big firms do in news.
type synth struct {
	pool        int // distinct entities
	perDoc      int // entities named per document
	edgesPerDoc int // typed relationships per document
	loopEvery   int // when > 0, every loopEvery-th document adds a self-loop
}

var (
	syllables = strings.Fields("ka lo mi ra be to su ne vi da po ri ze fa gu no te sa mo li")
	suffixes  = map[kg.Kind]string{
		kg.KindAgency: "Agency", kg.KindCompany: "Holdings", kg.KindEntity: "Network",
		kg.KindPerson: "", kg.KindLocation: "City", kg.KindOrder: "Directive",
	}
	synthKinds = []kg.Kind{kg.KindAgency, kg.KindCompany, kg.KindEntity, kg.KindPerson, kg.KindLocation, kg.KindOrder}
	synthTypes = func() []kg.RelType {
		var ts []kg.RelType
		for _, t := range kg.RelTypes {
			if !t.Dated() && t != kg.RelMentions {
				ts = append(ts, t)
			}
		}
		return ts
	}()
)

// entity is the kind and unique name of pool entity i.
func (s synth) entity(i int) (kg.Kind, string) {
	k := synthKinds[i%len(synthKinds)]
	var b strings.Builder
	n := i
	for j := 0; j < 4 || n > 0; j++ {
		b.WriteString(syllables[n%len(syllables)])
		n /= len(syllables)
	}
	name := strings.ToUpper(b.String()[:1]) + b.String()[1:]
	if k == kg.KindPerson {
		name = "Anna " + name
	} else {
		name += " " + suffixes[k]
	}
	return k, name
}

func (s synth) pick(r *rand.Rand) int {
	if r.IntN(5) == 0 {
		return r.IntN(max(s.pool/100, 1)) // a hub
	}
	return r.IntN(s.pool)
}

// store ingests documents 0 to docs-1 into a new in-memory store, for
// benchmarks that build their graph once (a failure panics: there is no
// *testing.B inside sync.Once).
func (s synth) store(docs int) *Store {
	st := OpenMemory()
	for d := range docs {
		if _, err := st.Ingest(context.Background(), s.doc(d)); err != nil {
			panic(err)
		}
	}
	return st
}

// doc is synthetic document number d.
func (s synth) doc(d int) *kg.Extraction {
	r := rand.New(rand.NewPCG(uint64(d), 42))
	picked := map[int]bool{}
	var ids []int
	for len(ids) < s.perDoc {
		if i := s.pick(r); !picked[i] {
			picked[i] = true
			ids = append(ids, i)
		}
	}
	var text strings.Builder
	fmt.Fprintf(&text, "Synthetic report %d.", d)
	x := &kg.Extraction{}
	published := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d%1500).Format("2006-01-02")
	type span struct{ start, end int }
	spans := map[int]span{}
	for _, i := range ids {
		_, name := s.entity(i)
		text.WriteString(" ")
		start := text.Len()
		text.WriteString(name)
		spans[i] = span{start, text.Len()}
		text.WriteString(" said so.")
	}
	body := text.String()
	doc := kg.Document{
		ID: kg.DocumentID(body), Title: fmt.Sprintf("Report %d", d), Source: "Synth", PublishedAt: published,
		Text: body, Bands: []string{fmt.Sprintf("b%d", d%997)}, IngestedAt: time.Unix(int64(d), 0).UTC(),
	}
	doc.Cluster = doc.ID
	x.Document = doc
	ev := func(i int) kg.Evidence {
		sp := spans[i]
		return kg.Evidence{DocumentID: doc.ID, Start: sp.start, End: sp.end, Quote: body[sp.start:sp.end]}
	}
	edge := func(src string, t kg.RelType, dst string, e kg.Evidence) {
		x.Edges = append(x.Edges, kg.Edge{
			ID: kg.EdgeID(src, t, dst, ""), Type: t, Source: src, Target: dst, Evidence: []kg.Evidence{e},
			Documents: []string{doc.ID}, Clusters: []string{doc.ID}, FirstSeen: published, LastSeen: published,
		})
	}
	nodeID := make(map[int]string, len(ids))
	for _, i := range ids {
		k, name := s.entity(i)
		id := kg.NodeID(k, name)
		nodeID[i] = id
		x.Nodes = append(x.Nodes, kg.Node{
			ID: id, Kind: k, Name: name, Mentions: []kg.Evidence{ev(i)}, Documents: []string{doc.ID},
			FirstSeen: published, LastSeen: published,
		})
		edge(doc.ID, kg.RelMentions, id, ev(i))
	}
	dateID := kg.DateNodeID(published)
	x.Nodes = append(x.Nodes, kg.Node{ID: dateID, Kind: kg.KindDate, Name: published,
		Attrs: map[string]string{kg.AttrDate: published, kg.AttrPrecision: string(kg.PrecisionDay)}})
	edge(doc.ID, kg.RelPublishedOn, dateID, kg.Evidence{DocumentID: doc.ID, Start: 0, End: 9, Quote: body[:9]})
	edge(nodeID[ids[0]], kg.RelOccurredOn, dateID, ev(ids[0]))
	seen := map[string]bool{}
	for len(seen) < s.edgesPerDoc {
		a, b := ids[r.IntN(len(ids))], ids[r.IntN(len(ids))]
		t := synthTypes[r.IntN(len(synthTypes))]
		if a == b || seen[nodeID[a]+string(t)+nodeID[b]] {
			continue
		}
		seen[nodeID[a]+string(t)+nodeID[b]] = true
		edge(nodeID[a], t, nodeID[b], ev(a))
	}
	if s.loopEvery > 0 && d%s.loopEvery == 0 {
		// An entity related to itself (a company that is its own
		// subsidiary in a garbled report): stores must list it once.
		edge(nodeID[ids[0]], synthTypes[r.IntN(len(synthTypes))], nodeID[ids[0]], ev(ids[0]))
	}
	return x
}
