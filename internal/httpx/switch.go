package httpx

import (
	"net/http"
	"sync/atomic"
)

// Switch is a handler that can be replaced while serving. The server
// listens before its store is open (Neo4j may take a while to come up), so
// health checks get answers at once; Set installs the real routes when
// they are ready.
type Switch struct{ h atomic.Pointer[http.Handler] }

// NewSwitch serves initial until Set is called.
func NewSwitch(initial http.Handler) *Switch {
	s := &Switch{}
	s.Set(initial)
	return s
}

// Set makes h serve every request from now on.
func (s *Switch) Set(h http.Handler) { s.h.Store(&h) }

// ServeHTTP hands the request to the handler installed last.
func (s *Switch) ServeHTTP(w http.ResponseWriter, r *http.Request) { (*s.h.Load()).ServeHTTP(w, r) }
