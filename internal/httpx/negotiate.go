package httpx

import (
	"mime"
	"strings"
)

// Media types of GraphQL-over-HTTP responses.
const (
	MediaGraphQLResponse = "application/graphql-response+json"
	MediaJSON            = "application/json"
)

// Negotiate picks the response media type for an Accept header the way
// gqlgen's transports do, so errors raised here and responses from the
// executor agree: the first supported type listed wins, */* and a missing
// header mean legacy application/json, and an Accept naming nothing we
// support gets the spec's application/graphql-response+json.
func Negotiate(accept string) string {
	if strings.TrimSpace(accept) == "" {
		return MediaJSON
	}
	for part := range strings.SplitSeq(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case "*/*", "application/*", MediaJSON:
			return MediaJSON
		case MediaGraphQLResponse:
			return MediaGraphQLResponse
		}
	}
	return MediaGraphQLResponse
}
