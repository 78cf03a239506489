# Benchmarks and the reliability suite (issue 8). Included from the root
# Makefile; the bench/ folder is its own Go module, so `go test ./...` at
# the root never builds it.
BENCH_FLAGS ?=
STRESS_FUZZTIME ?= 30s
BENCH_SHARED = $(abspath $(if $(SHARED),$(SHARED),../shared))

.PHONY: bench stress stress-quick

bench: ## side-by-side benchmarks (extraction, pipeline, cold start, collector, API); rewrites BENCHMARKS.md
	cd bench && $(GO) test -count=1 -timeout 120m -v -run '^TestSection' ./perf \
	  -args -report $(CURDIR)/BENCHMARKS.md -shared $(BENCH_SHARED) $(BENCH_FLAGS)

stress: ## the reliability suite: fuzzing (STRESS_FUZZTIME per target), faults, 30 s API load
	cd bench && $(GO) test -count=1 -timeout 120m -v ./stress -args -fuzztime $(STRESS_FUZZTIME)

stress-quick: ## the reliability suite's quick parts, for CI (a few minutes)
	cd bench && $(GO) test -count=1 -timeout 15m -v ./stress -args -quick
