// Package resolvers implements the GraphQL schema (gqlgen's follow-schema
// layout: one file per schema file). Resolvers are thin: they check
// arguments and map results with package present, read through the
// request's loaders or the store, and hold no rules of their own.
package resolvers

import (
	"context"
	"log/slog"
	"time"

	"github.com/newsgraph/newsgraph/graph/loaders"
	"github.com/newsgraph/newsgraph/internal/events"
	"github.com/newsgraph/newsgraph/kg"
)

// Resolver is the root resolver. This file is the only place its
// dependencies are wired.
type Resolver struct {
	store    kg.Store
	ingester kg.Ingester
	bus      *events.Bus
	logger   *slog.Logger
}

// NewResolver wires the resolvers to the store (reads), the ingester
// (the ingestDocument mutation; nil disables it), the event bus (the
// documentIngested subscription; nil disables it) and a logger (nil
// discards). The subscription only sees what is published on bus: wrap
// the ingester with events.NewPublishing(ingester, bus) so that documents
// stored by any path (the mutation, a loader run) reach subscribers.
func NewResolver(store kg.Store, ingester kg.Ingester, bus *events.Bus, logger *slog.Logger) *Resolver {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Resolver{store: store, ingester: ingester, bus: bus, logger: logger}
}

// NewLoaders returns fresh per-request loaders over the resolver's store;
// the handler installs one per response (see loaders.With).
func (r *Resolver) NewLoaders(wait time.Duration) *loaders.Loaders {
	return loaders.New(r.store, wait)
}

// Logger is the resolver's logger, shared with the handler's error
// presenter and panic recovery.
func (r *Resolver) Logger() *slog.Logger { return r.logger }

// load returns the request's loaders. Outside the handler (a subscription
// event resolved without them, a direct call in a test) it falls back to
// fresh loaders, which still batch within the call.
func (r *Resolver) load(ctx context.Context) *loaders.Loaders {
	if l := loaders.From(ctx); l != nil {
		return l
	}
	return loaders.New(r.store, 0)
}
