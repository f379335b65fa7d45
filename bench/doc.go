// Package bench is the scale benchmark of the GraphQL API: it loads a
// synthetic corpus (package internal/synth) into the embedded store, serves
// the real GraphQL handler on a loopback listener, and measures latency
// percentiles and throughput of the graph questions under concurrent
// clients, each as a ratio to the server's own `{ __typename }` ceiling
// measured in the same run, so that figures from different machines compare.
//
// The load generator (Measure) is independent of the graph: it posts
// prepared request bodies and checks every answer for GraphQL errors, so a
// fast failure can never pass for a fast answer.
//
// Run it as a Go benchmark (go test ./bench -run '^$' -bench Scale
// -scale full) or as a command that prints a markdown table
// (go run ./bench/cmd/scalebench -scale full).
package bench
