# syntax=docker/dockerfile:1
# Multi-stage build: a static Go binary (CGO_ENABLED=0) on a distroless
# base, running as a non-root user. The seed documents are baked in and
# loaded idempotently at start; mount a volume on /app/data to keep the
# embedded store across container restarts, or set NEO4J_URI.

FROM golang:1.26-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOFLAGS=-buildvcs=false go build -trimpath -ldflags="-s -w" -o /out/newsgraph . \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /app
COPY --from=build /out/newsgraph /app/newsgraph
COPY --from=build --chown=nonroot:nonroot /out/data /app/data
COPY seed/ /app/seed/
ENV ADDR=:8080 \
    DATA_DIR=/app/data \
    SEED_DIR=/app/seed \
    LOG_FORMAT=json
EXPOSE 8080
VOLUME ["/app/data"]
USER nonroot:nonroot
ENTRYPOINT ["/app/newsgraph"]
