package loader

import (
	"context"
	"encoding/hex"
	"hash/fnv"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/kg"
)

// MinHash parameters: 64 hash functions in 16 LSH bands of 4 rows. Two
// texts whose shingle sets have Jaccard similarity s share at least one
// band with probability 1-(1-s^4)^16: 0.99 at s=0.6, 0.05 at s=0.2.
const (
	minhashSize   = 64
	lshBandsCount = 16
	shingleWords  = 4
	// dupThreshold is the estimated Jaccard similarity above which two
	// documents are copies of one story.
	dupThreshold = 0.5
)

var minhashSeeds = func() [minhashSize]uint64 {
	var s [minhashSize]uint64
	x := uint64(0x9E3779B97F4A7C15)
	for i := range s {
		x = splitmix(x)
		s[i] = x
	}
	return s
}()

func splitmix(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
	x = (x ^ (x >> 27)) * 0x94D049BB133111EB
	return x ^ (x >> 31)
}

// minhashSignature is the MinHash signature of the text's word 4-shingles
// (case-folded letters and digits only, so layout and markup do not count).
func minhashSignature(text string) []uint64 {
	// Words hashed with FNV-1a (64 bit) over their lower-cased UTF-8,
	// written out here: through hash.Hash it cost a call per character.
	const fnvOffset, fnvPrime = 14695981039346656037, 1099511628211
	words := make([]uint64, 0, len(text)/6+1)
	h := uint64(fnvOffset)
	inWord := false
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			i++
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
				h = (h ^ uint64(c)) * fnvPrime
				inWord = true
				continue
			}
		} else {
			r, n := utf8.DecodeRuneInString(text[i:])
			i += n
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				var buf [4]byte
				k := utf8.EncodeRune(buf[:], unicode.ToLower(r))
				for _, b := range buf[:k] {
					h = (h ^ uint64(b)) * fnvPrime
				}
				inWord = true
				continue
			}
		}
		if inWord {
			words = append(words, h)
			h = fnvOffset
			inWord = false
		}
	}
	if inWord {
		words = append(words, h)
	}
	sig := make([]uint64, minhashSize)
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	if len(words) == 0 {
		return sig
	}
	n := len(words) - shingleWords + 1
	if n < 1 {
		n = 1
	}
	// Shingles are hashed four at a time: the minimum over a group is the
	// same, and the independent hash chains keep the processor busy.
	acc := (*[minhashSize]uint64)(sig)
	shingle := func(i int) uint64 {
		sh := uint64(1469598103934665603)
		for k := i; k < i+shingleWords && k < len(words); k++ {
			sh = splitmix(sh ^ words[k])
		}
		return sh
	}
	i := 0
	for ; i+4 <= n; i += 4 {
		s0, s1, s2, s3 := shingle(i), shingle(i+1), shingle(i+2), shingle(i+3)
		for j := range acc {
			seed := minhashSeeds[j]
			v := min(splitmix(s0^seed), splitmix(s1^seed), splitmix(s2^seed), splitmix(s3^seed))
			if v < acc[j] {
				acc[j] = v
			}
		}
	}
	for ; i < n; i++ {
		sh := shingle(i)
		for j := range acc {
			if v := splitmix(sh ^ minhashSeeds[j]); v < acc[j] {
				acc[j] = v
			}
		}
	}
	return sig
}

// lshBands hashes each band of rows of the signature into a key; documents
// sharing a key are candidate near-duplicates.
func lshBands(sig []uint64) []string {
	rows := len(sig) / lshBandsCount
	out := make([]string, 0, lshBandsCount)
	for b := 0; b < lshBandsCount; b++ {
		h := fnv.New64a()
		for _, v := range sig[b*rows : (b+1)*rows] {
			var buf [8]byte
			for k := 0; k < 8; k++ {
				buf[k] = byte(v >> (8 * k))
			}
			h.Write(buf[:])
		}
		sum := h.Sum(nil)
		out = append(out, "b"+strconv.Itoa(b)+":"+hex.EncodeToString(sum[:6]))
	}
	return out
}

// similarity estimates the Jaccard similarity of two signatures.
func similarity(a, b []uint64) float64 {
	if len(a) == 0 || len(a) != len(b) {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a))
}

// candidate is what clustering needs of a stored document.
type candidate struct {
	id, cluster string
	signature   []uint64
}

// cluster picks the near-duplicate group of doc among stored documents
// sharing an LSH band: the group of the most similar one above the
// threshold, else a new group named after doc itself.
func (l *Loader) cluster(ctx context.Context, doc *kg.Document) (string, error) {
	if l.k == nil {
		return doc.ID, nil
	}
	var cands []candidate
	if mem, ok := l.k.(*Memory); ok {
		// The same documents as FindDocuments, without copying them.
		cands = mem.candidates(doc.Bands, 100)
	} else {
		docs, err := l.k.FindDocuments(ctx, kg.DocumentQuery{Bands: doc.Bands, Limit: 100})
		if err != nil {
			return "", kg.Wrap(kg.CodeUnavailable, err, "finding similar documents failed")
		}
		cands = make([]candidate, len(docs))
		for i := range docs {
			cands[i] = candidate{id: docs[i].ID, cluster: docs[i].Cluster, signature: docs[i].Signature}
		}
	}
	best, bestSim := doc.ID, 0.0
	for _, c := range cands {
		if c.id == doc.ID {
			return firstNonEmpty(c.cluster, c.id), nil
		}
		sim := similarity(doc.Signature, c.signature)
		cl := firstNonEmpty(c.cluster, c.id)
		if sim >= dupThreshold && (sim > bestSim || (sim == bestSim && cl < best)) {
			best, bestSim = cl, sim
		}
	}
	return best, nil
}
