# The test command the README gives (and .ci/run runs) is `make test`.
# Every step below installs what it needs itself (npm ci in its tool folder,
# go build of the Bolt stand-in), so it works on a fresh machine.

.PHONY: test unit lint-cypher neo4j-contract audit generate run bench fuzz

test: unit lint-cypher neo4j-contract audit

unit:
	test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1)
	go vet ./...
	go test -race -count=1 ./...

lint-cypher:
	bash scripts/cypher-lint.sh

neo4j-contract:
	bash scripts/neo4j-contract.sh

audit:
	bash scripts/audit.sh

generate:
	go generate ./...

run:
	go run .

# Go benchmarks of the loader and the embedded store (BENCHTIME per
# benchmark; BENCHTIME=1x only checks that each runs). The scale benchmark
# has its own command: go run ./bench/cmd/scalebench.
BENCHTIME ?= 1s
bench:
	go test -run '^$$' -bench . -benchtime $(BENCHTIME) ./loader ./store/embedded ./kg

# Every fuzz target in turn, each for FUZZTIME on one worker, starting from
# the corpus committed under its package's testdata/fuzz.
FUZZTIME ?= 60s
FUZZ_TARGETS = loader:FuzzParseDocument loader:FuzzSentences loader:FuzzDates \
	store/embedded:FuzzDecodeRecord store/embedded:FuzzSearch \
	kg:FuzzEncodeCursor graph:FuzzAppendQuoted e2e:FuzzQueryEndpoint
fuzz:
	@for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; name=$${t#*:}; \
	  echo "== $$name ($$pkg, $(FUZZTIME))"; \
	  go test ./$$pkg -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -parallel 1 || exit 1; \
	done
