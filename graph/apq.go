package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// CodePersistedQueryInvalid is the code of an automatic persisted query
// request that is the client's fault: a hash that does not match the
// query sent with it, or extension data that is malformed. It is a request
// error (HTTP 400 with application/graphql-response+json), never INTERNAL.
const CodePersistedQueryInvalid = "PERSISTED_QUERY_INVALID"

func init() { errcode.RegisterErrorType(CodePersistedQueryInvalid, errcode.KindProtocol) }

// persistedQueries is gqlgen's APQ extension with a code on the errors
// it leaves uncoded, all of which describe a bad request; uncoded, they
// would be logged at ERROR and shown as INTERNAL.
type persistedQueries struct {
	extension.AutomaticPersistedQuery
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = persistedQueries{}

// MutateOperationParameters implements graphql.OperationParameterMutator.
func (p persistedQueries) MutateOperationParameters(ctx context.Context, raw *graphql.RawParams) *gqlerror.Error {
	err := p.AutomaticPersistedQuery.MutateOperationParameters(ctx, raw)
	if err != nil {
		if code, _ := err.Extensions["code"].(string); code == "" {
			errcode.Set(err, CodePersistedQueryInvalid)
		}
	}
	return err
}
