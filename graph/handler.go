package graph

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/newsgraph/newsgraph/graph/generated"
	"github.com/newsgraph/newsgraph/graph/loaders"
	"github.com/newsgraph/newsgraph/graph/present"
	"github.com/newsgraph/newsgraph/graph/resolvers"
	"github.com/newsgraph/newsgraph/internal/httpx"
)

// Options are the GraphQL layer's limits and switches. Start from
// DefaultOptions and change what you need: a zero limit means "use the
// default", never "no limit" (APQCacheSize alone: 0 turns APQ off).
type Options struct {
	MaxDepth      int  // deepest field nesting of an operation (introspection included)
	MaxComplexity int  // operation cost; list fields cost their first/limit times their children
	MaxAliases    int  // aliased fields per operation, fragments expanded
	MaxTokens     int  // lexer tokens per document, checked while parsing
	MaxPageSize   int  // largest first/limit a list or connection accepts; larger is refused
	Introspection bool // serve __schema and __type
	APQCacheSize  int  // automatic persisted queries kept (LRU); 0 disables APQ

	// MaxFields bounds the fields of an operation, fragments expanded, so
	// fragment spreads cannot multiply work past the alias limit.
	MaxFields int
	// BatchWait is how long a dataloader batch waits for sibling fields.
	BatchWait time.Duration
	// QueryCacheSize is how many parsed and validated documents are kept.
	QueryCacheSize int
	// noFlat turns off the direct writing of flat Subgraph and
	// RelationshipConnection selections (flat.go), so tests can compare it
	// with gqlgen's output.
	noFlat bool
	// gqlgenPOST serves POST with gqlgen's own transport instead of post,
	// so tests can compare the two byte for byte.
	gqlgenPOST bool
	// WebsocketOrigins are the browser origins (http://localhost:3000) or
	// host patterns (*.example.com) allowed to open a subscription
	// websocket besides the server's own origin; pass the CORS allowlist.
	WebsocketOrigins []string

	// Slots bound the queries and mutations that execute at once, on
	// every transport; nil leaves them unbounded.
	Slots *httpx.Slots
	// RequestTimeout is the deadline of a query or mutation, its wait for
	// a slot included. Subscriptions are exempt.
	RequestTimeout time.Duration
	// MaxSubscriptions bounds the subscriptions open at once, over
	// websockets and server-sent events together; more are refused.
	MaxSubscriptions int
	// MaxWebsockets bounds the websocket connections open at once; more
	// are refused with 503.
	MaxWebsockets int
	// WebsocketInitTimeout is how long a websocket may take to send
	// connection_init; WebsocketIdleTimeout how long it may stay open
	// running no operation.
	WebsocketInitTimeout, WebsocketIdleTimeout time.Duration
	// MaxBodyBytes bounds a request body (413 beyond); BodyReadTimeout
	// is the time it has to arrive once the headers have (408 after).
	MaxBodyBytes    int64
	BodyReadTimeout time.Duration
	// MaxResponseBytes bounds the text one answer carries; an answer that
	// grows past it is replaced by a RESPONSE_TOO_LARGE error.
	MaxResponseBytes int64
}

// DefaultOptions are safe defaults: introspection on, pages of at most
// 100, depth 15 (the GraphiQL introspection query needs 13).
func DefaultOptions() Options {
	return Options{
		MaxDepth:       15,
		MaxComplexity:  100000,
		MaxAliases:     100,
		MaxTokens:      10000,
		MaxPageSize:    100,
		Introspection:  true,
		APQCacheSize:   1000,
		MaxFields:      2000,
		BatchWait:      loaders.DefaultWait,
		QueryCacheSize: 1000,

		RequestTimeout:       30 * time.Second,
		MaxSubscriptions:     1000,
		MaxWebsockets:        1000,
		WebsocketInitTimeout: 10 * time.Second,
		WebsocketIdleTimeout: 5 * time.Minute,
		MaxResponseBytes:     16 << 20,
		MaxBodyBytes:         10 << 20,
		BodyReadTimeout:      10 * time.Second,
	}
}

// withDefaults fills zero fields from DefaultOptions.
func (o Options) withDefaults() Options {
	d := DefaultOptions()
	set := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	set(&o.MaxDepth, d.MaxDepth)
	set(&o.MaxComplexity, d.MaxComplexity)
	set(&o.MaxAliases, d.MaxAliases)
	set(&o.MaxTokens, d.MaxTokens)
	set(&o.MaxPageSize, d.MaxPageSize)
	set(&o.MaxFields, d.MaxFields)
	set(&o.QueryCacheSize, d.QueryCacheSize)
	set(&o.MaxSubscriptions, d.MaxSubscriptions)
	setDur := func(v *time.Duration, def time.Duration) {
		if *v <= 0 {
			*v = def
		}
	}
	setDur(&o.BatchWait, d.BatchWait)
	setDur(&o.RequestTimeout, d.RequestTimeout)
	setDur(&o.WebsocketInitTimeout, d.WebsocketInitTimeout)
	setDur(&o.WebsocketIdleTimeout, d.WebsocketIdleTimeout)
	set(&o.MaxWebsockets, d.MaxWebsockets)
	if o.MaxResponseBytes <= 0 {
		o.MaxResponseBytes = d.MaxResponseBytes
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = d.MaxBodyBytes
	}
	setDur(&o.BodyReadTimeout, d.BodyReadTimeout)
	return o
}

// NewHandler builds the GraphQL handler: transports (GET, POST, SSE,
// websocket with graphql-ws and graphql-transport-ws, OPTIONS), the query
// cache, APQ, the depth, field, alias, token and complexity limits, the
// error presenter and panic recovery, and per-response dataloaders.
// Authentication is not done here: wrap the handler in auth.Middleware so
// that mutations can call auth.Require.
func NewHandler(r *resolvers.Resolver, o Options) http.Handler {
	o = o.withDefaults()
	cfg := generated.Config{Resolvers: r}
	setComplexity(&cfg.Complexity, o.MaxPageSize)
	srv := handler.New(generated.NewExecutableSchema(cfg))

	srv.AddTransport(newWebsocket(o))
	srv.AddTransport(transport.Options{})
	// Before POST: it claims POSTs that accept text/event-stream.
	srv.AddTransport(sse{maxBody: o.MaxBodyBytes, bodyTimeout: o.BodyReadTimeout})
	if o.gqlgenPOST {
		srv.AddTransport(transport.POST{})
	}
	srv.AddTransport(httpTransport{logger: r.Logger(), maxBody: o.MaxBodyBytes, bodyTimeout: o.BodyReadTimeout})
	srv.AddTransport(methodNotAllowed{})

	srv.SetQueryCache(lru.New[*ast.QueryDocument](o.QueryCacheSize))
	srv.SetParserTokenLimit(o.MaxTokens)
	srv.SetErrorPresenter(errorPresenter(r.Logger()))
	srv.SetRecoverFunc(recoverFunc(r.Logger()))

	srv.Use(admission{slots: o.Slots, timeout: o.RequestTimeout, subs: make(chan struct{}, o.MaxSubscriptions), maxResponse: o.MaxResponseBytes})
	if o.Introspection {
		srv.Use(extension.Introspection{})
	}
	if o.APQCacheSize > 0 {
		srv.Use(persistedQueries{extension.AutomaticPersistedQuery{Cache: lru.New[string](o.APQCacheSize)}})
	}
	// After APQ, which fills in the query of a persisted request.
	srv.Use(lexLimit{maxTokens: o.MaxTokens, maxFields: o.MaxFields})
	srv.Use(shapeLimit{maxDepth: o.MaxDepth, maxAliases: o.MaxAliases, maxFields: o.MaxFields, introspection: o.Introspection})
	srv.Use(newComplexityLimit(o.MaxComplexity, o.QueryCacheSize))
	// One field middleware, not two: gqlgen allocates a closure per
	// middleware for every field it resolves.
	if o.noFlat {
		srv.AroundFields(countStrings)
	} else {
		fl := flat{r: r}
		srv.AroundFields(func(ctx context.Context, next graphql.Resolver) (any, error) {
			res, err := next(ctx)
			res, err = charge(ctx, res, err)
			return fl.after(ctx, res, err)
		})
	}

	limits := present.DefaultLimits()
	limits.MaxPageSize = o.MaxPageSize
	srv.AroundResponses(func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		// Fresh loaders per response: a query gets one cache for its whole
		// tree, and each subscription event sees current data.
		ctx = loaders.With(ctx, r.NewLoaders(o.BatchWait))
		ctx = present.WithLimits(ctx, limits)
		return next(ctx)
	})
	return srv
}

// originPatterns turns allowed origins into the host patterns the
// websocket library matches the Origin header's host against.
func originPatterns(origins []string) []string {
	out := make([]string, 0, len(origins))
	for _, o := range origins {
		if _, rest, ok := strings.Cut(o, "://"); ok {
			o = rest
		}
		if o = strings.TrimSuffix(o, "/"); o != "" {
			out = append(out, o)
		}
	}
	return out
}
