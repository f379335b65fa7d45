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
