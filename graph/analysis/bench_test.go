package analysis

import (
	"fmt"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

// bigInput is a graph at the scan bounds: scanCap functional edges over
// 5,000 orders in 2,000 story groups, and 5,000 nodes with figures.
func bigInput() Input {
	in := Input{Label: map[string]string{}, Forms: map[string][]string{}}
	for i := 0; len(in.Edges) < scanCap; i++ {
		o := fmt.Sprintf("order:o%d", i%5000)
		doc := fmt.Sprintf("d%d", i)
		cl := fmt.Sprintf("c%d", i%2000)
		agency := fmt.Sprintf("agency:a%d", i%7)
		date := fmt.Sprintf("date:2024-%02d-%02d", i%12+1, i%28+1)
		in.Forms[date] = []string{date[5:], "within 30 days"}
		for _, e := range []kg.Edge{
			said(agency, kg.RelIssued, o, doc, i%9, "an agency issued it"),
			said(o, kg.RelEffectiveOn, date, doc, i%9, "effective within 30 days", kg.AttrRole, "updates end"),
		} {
			e.Clusters = []string{cl}
			in.Edges = append(in.Edges, e)
		}
	}
	for i := 0; i < 5000; i++ {
		n := kg.Node{ID: fmt.Sprintf("company:c%d", i)}
		for j := 0; j < 4; j++ {
			n.Facts = append(n.Facts, fact("users", fmt.Sprint(100+j*10), "two units and one unit", "", fmt.Sprintf("d%d", i*4+j)))
		}
		in.Nodes = append(in.Nodes, n)
	}
	return in
}

func BenchmarkDetectAtScanBounds(b *testing.B) {
	in := bigInput()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if len(Detect(in)) == 0 {
			b.Fatal("no conflicts in a graph built to have them")
		}
	}
}

// BenchmarkDetectFirstPage is what one conflicts query costs: the default
// page of 20 out of a graph at the scan bounds.
func BenchmarkDetectFirstPage(b *testing.B) {
	in := bigInput()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if len(DetectFirst(in, 20)) != 20 {
			b.Fatal("want a full page")
		}
	}
}
