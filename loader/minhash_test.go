package loader

import (
	"slices"
	"strings"
	"testing"
)

func TestSeedClusters(t *testing.T) {
	_, xs := loadSeeds(t)
	if len(xs) != 5 {
		t.Fatalf("want 5 seeds, got %d", len(xs))
	}
	if xs[1].Document.Cluster != xs[0].Document.Cluster {
		t.Errorf("seed 001 should join the cluster of seed 000 (two copies of one wire story)")
	}
	seen := map[string]int{}
	for i, x := range xs {
		seen[x.Document.Cluster]++
		if i >= 2 && x.Document.Cluster != x.Document.ID {
			t.Errorf("seed %d should be its own cluster, got %s", i, x.Document.Cluster)
		}
	}
	if len(seen) != 4 {
		t.Errorf("want 4 clusters, got %v", seen)
	}
}

func TestSimilarity(t *testing.T) {
	a := "The United States on Thursday banned Russia-based cybersecurity firm Kaspersky from providing its popular antivirus products in the country on national security grounds."
	b := strings.Replace(a, "popular", "widely used", 1)
	c := "A federal judge in Seattle blocked an executive order that would have barred agencies from buying networking equipment."
	sa, sb, sc := minhashSignature(a), minhashSignature(b), minhashSignature(c)
	if s := similarity(sa, sb); s < 0.5 {
		t.Errorf("near-duplicates similarity %.2f", s)
	}
	if s := similarity(sa, sc); s > 0.2 {
		t.Errorf("unrelated texts similarity %.2f", s)
	}
	if len(lshBands(sa)) != lshBandsCount {
		t.Errorf("bands %d", len(lshBands(sa)))
	}
	if similarity(sa, nil) != 0 {
		t.Error("similarity with an empty signature must be 0")
	}
}

// TestSignatureGroupsShingles checks the grouped hashing against the plain
// definition (each shingle's hash under each seed, minimum per seed) for
// every word count around the group size.
func TestSignatureGroupsShingles(t *testing.T) {
	words := strings.Fields("alpha Beta gamma delta 42 epsilon zeta Eta theta iota kappa lambda mu")
	for n := 0; n <= len(words); n++ {
		text := strings.Join(words[:n], " ")
		got := minhashSignature(text)
		// The word hashes, as minhashSignature makes them.
		var hs []uint64
		for _, w := range words[:n] {
			h := uint64(14695981039346656037)
			for _, c := range []byte(strings.ToLower(w)) {
				h = (h ^ uint64(c)) * 1099511628211
			}
			hs = append(hs, h)
		}
		want := make([]uint64, minhashSize)
		for j := range want {
			want[j] = ^uint64(0)
		}
		for i := 0; len(hs) > 0 && i < max(1, len(hs)-shingleWords+1); i++ {
			sh := uint64(1469598103934665603)
			for k := i; k < i+shingleWords && k < len(hs); k++ {
				sh = splitmix(sh ^ hs[k])
			}
			for j := range want {
				want[j] = min(want[j], splitmix(sh^minhashSeeds[j]))
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%d words: signature differs from the plain definition", n)
		}
	}
}
