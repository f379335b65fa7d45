package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/newsgraph/newsgraph/kg"
)

// errorPresenter gives every error an extensions.code. Domain errors keep
// their kg code and client-facing message; errors gqlgen or an extension
// already coded (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, the limit
// codes) keep theirs; anything else is logged and shown as INTERNAL with a
// message that leaks nothing.
func errorPresenter(logger *slog.Logger) graphql.ErrorPresenterFunc {
	present := func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		var domain *kg.Error
		if errors.As(err, &domain) {
			if domain.Err != nil || domain.Code == kg.CodeInternal || domain.Code == kg.CodeUnavailable {
				logger.ErrorContext(ctx, "graphql field error", "code", domain.Code, "path", gqlErr.Path.String(), "err", err)
			}
			gqlErr.Message = domain.Message
			setCode(gqlErr, domain.Code)
			return gqlErr
		}
		if code, ok := gqlErr.Extensions["code"].(string); ok && code != "" {
			return gqlErr // coded by gqlgen or by an extension: safe to show
		}
		var inner *gqlerror.Error
		if errors.As(err, &inner) && inner.Err == nil && inner.Rule != "" {
			setCode(gqlErr, "GRAPHQL_VALIDATION_FAILED")
			return gqlErr
		}
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			gqlErr.Message = "request cancelled or timed out"
			setCode(gqlErr, kg.CodeUnavailable)
			return gqlErr
		}
		logger.ErrorContext(ctx, "graphql internal error", "path", gqlErr.Path.String(), "err", err)
		gqlErr.Message = "internal error"
		setCode(gqlErr, kg.CodeInternal)
		return gqlErr
	}
	return func(ctx context.Context, err error) *gqlerror.Error {
		e := present(ctx, err)
		e.Message = capMessage(e.Message)
		return e
	}
}

// maxMessageBytes bounds an error message. Messages from gqlgen's parser
// and validator quote names and values of the document (a field name can
// be megabytes long), and one document can provoke hundreds of errors.
const maxMessageBytes = 300

// capMessage cuts msg to maxMessageBytes at a character boundary.
func capMessage(msg string) string {
	if len(msg) <= maxMessageBytes {
		return msg
	}
	cut := maxMessageBytes
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	return msg[:cut] + "…"
}

func setCode(e *gqlerror.Error, code string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}

// recoverFunc logs a resolver panic with its stack and turns it into an
// INTERNAL error without details.
func recoverFunc(logger *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		logger.ErrorContext(ctx, "graphql panic", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		return kg.Errorf(kg.CodeInternal, "internal error")
	}
}
