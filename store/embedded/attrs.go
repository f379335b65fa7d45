package embedded

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"unsafe"
)

// sharedAttrs holds one map for each distinct set of attributes the
// embedded stores of this process have stored. Attribute sets repeat (an
// order's type, a date's precision, a role): at full scale 212 thousand
// nodes and edges carry 7,700 distinct sets, and each map of its own was
// two objects the collector marked on every cycle.
//
// The maps are never dropped, for the same reason off-heap memory is
// never given back: an edge record off the heap may point to one (see
// offHeapEdge), and the collector, which does not see that pointer, must
// find the map alive through this table until the process exits. Stored
// maps are never written to: a merge that adds an attribute builds a new
// map (kg.MergeNode), which is shared in turn.
var sharedAttrs struct {
	sync.Mutex
	byKey map[string]map[string]string
	maps  map[unsafe.Pointer]bool // the values of byKey, by identity
}

// shareAttrs returns the shared map equal to m; nil for nil or empty.
// The shared map is m itself when its set was not seen before, so m must
// not be written to afterwards.
func shareAttrs(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	sharedAttrs.Lock()
	defer sharedAttrs.Unlock()
	if sharedAttrs.maps[mapIdentity(m)] {
		return m
	}
	k := attrsKey(m)
	if c, ok := sharedAttrs.byKey[k]; ok {
		return c
	}
	if sharedAttrs.byKey == nil {
		sharedAttrs.byKey = map[string]map[string]string{}
		sharedAttrs.maps = map[unsafe.Pointer]bool{}
	}
	sharedAttrs.byKey[k] = m
	sharedAttrs.maps[mapIdentity(m)] = true
	return m
}

// isSharedAttrs reports whether m is one of the shared maps, which stay
// alive as long as the process.
func isSharedAttrs(m map[string]string) bool {
	sharedAttrs.Lock()
	defer sharedAttrs.Unlock()
	return sharedAttrs.maps[mapIdentity(m)]
}

// mapIdentity is the address of m's runtime object: a map value is that
// pointer, and two maps are the same map when it is equal.
func mapIdentity(m map[string]string) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(&m))
}

// attrsKey is m's pairs in one string, each key and value preceded by its
// length so that no two maps share a key whatever bytes they hold, and
// the pairs sorted so that equal maps do.
func attrsKey(m map[string]string) string {
	pairs := make([]string, 0, len(m))
	for k, v := range m {
		pairs = append(pairs, strconv.Itoa(len(k))+":"+k+strconv.Itoa(len(v))+":"+v)
	}
	slices.Sort(pairs)
	return strings.Join(pairs, "")
}
