# newsquotes: the two commands a new user needs are `make run` and `make test`.
SHELL := /bin/bash
GO ?= go
TOOLS := $(CURDIR)/.tools
RIE_VERSION := v0.0.0-20261030222936-bef5c4ba774d
SHARED ?= $(if $(NEWSQUOTES_SHARED),$(NEWSQUOTES_SHARED),../shared)
FUNCTIONS := collect extract api
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20
export CDK_DISABLE_CLI_TELEMETRY := true

.PHONY: all build run test test-go eval lint fmt tools fuzz gobench clean help

all: lint build test

help: ## list the targets
	@grep -hE '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-20s %s\n", $$1, $$2}'

build: ## build the quotes CLI into bin/ and every Lambda bootstrap for the local platform
	$(GO) build -o bin/quotes ./cmd/quotes
	@for fn in $(FUNCTIONS); do \
	  if [ -d functions/$$fn ]; then \
	    CGO_ENABLED=0 $(GO) build -tags lambda.norpc -trimpath -ldflags='-s -w' -o dist/local/$$fn/bootstrap ./functions/$$fn || exit 1; \
	  fi; \
	done

run: tools ## the main job, locally: DynamoDB Local, a collection over a demo site, extraction, the API on :3000
	$(GO) run ./cmd/quotes run $(if $(SOURCES),--sources $(SOURCES))

test: tools test-go infra-test ## all tests: unit, DynamoDB Local, emulator and CDK

test-go: ## the Go module's tests (needs `make tools`)
	$(GO) test -count=1 ./...

eval: ## score extraction on ../shared benchmarks; fails below a floor
	$(GO) run ./cmd/quotes eval --shared $(SHARED)

lint: ## gofmt and go vet (every module)
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	cd bench && $(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

tools: $(TOOLS)/node_modules/.package-lock.json $(TOOLS)/bin/aws-lambda-rie ## install pinned test tools into .tools/

$(TOOLS)/node_modules/.package-lock.json: $(TOOLS)/package.json $(TOOLS)/package-lock.json
	cd $(TOOLS) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(TOOLS)/bin/aws-lambda-rie:
	GOBIN=$(TOOLS)/bin $(GO) install github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie@$(RIE_VERSION)

FUZZTIME ?= 10s
fuzz: ## run every fuzz target for FUZZTIME each
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 2s $$pkg; \
	  done; \
	done

gobench: ## the packages' Go benchmarks (ms/page, tokens/s, articles/s)
	$(GO) test -run '^$$' -bench . -benchmem ./internal/...

clean:
	rm -rf bin dist cdk.out

-include infra/infra.mk
include bench/bench.mk
