# infra/infra.mk: the CDK app and the Lambda binaries it deploys. Included by the root Makefile
# (`include infra/infra.mk`); usable alone with `make -f infra/infra.mk <target>`.
#
#   make build-lambdas-arm64   dist/<fn>/bootstrap for collect, extract, api (linux/arm64)
#   make synth                 cdk.out/ (CloudFormation template + assets; no AWS credentials);
#                              SAM_LOCAL=1 for `sam local --env-vars events/env.json`
#   make diff | deploy | destroy   against the account in your AWS profile; STAGE=prod, and
#                              ALARM_EMAIL=you@example.com to subscribe to the alarms
#   make infra-test            the stack's assertion tests (one CDK compile)

GO           ?= go
LAMBDAS      ?= collect extract api
STAGE        ?= dev
CDK          ?= .tools/node_modules/.bin/cdk
INFRA_APP    := .tools/bin/infra-app
CDK_CONTEXT  := -c stage=$(STAGE) $(if $(ALARM_EMAIL),-c alarmEmail=$(ALARM_EMAIL)) $(if $(SCHEDULE),-c schedule='$(SCHEDULE)')
# SAM_LOCAL=1 (synth only): declare the variables events/env.json fills for `sam local`.
SYNTH_CONTEXT := $(CDK_CONTEXT) $(if $(SAM_LOCAL),-c samLocal=true)

# jsii runs on the machine's Node.js 20 (end of life): silence that warning; no CLI telemetry.
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20
export CDK_DISABLE_CLI_TELEMETRY := true

.PHONY: build-lambdas-arm64 synth diff deploy destroy infra-test infra-app

build-lambdas-arm64: ## dist/<fn>/bootstrap for collect, extract, api (linux/arm64, for deployment)
	@mkdir -p dist/.arm64
	GOOS=linux GOARCH=arm64 CGO_ENABLED=0 $(GO) build -tags lambda.norpc -trimpath -ldflags='-s -w' \
		-o dist/.arm64/ $(addprefix ./functions/,$(LAMBDAS))
	@for fn in $(LAMBDAS); do mkdir -p dist/$$fn && cp dist/.arm64/$$fn dist/$$fn/bootstrap; done

$(CDK):
	cd .tools && npm ci --no-audit --no-fund

# The app binary is built once (cdk.json runs it, rebuilding only when infra/ changed), so
# synth, diff and deploy share one CDK compile with `make infra-test`.
infra-app: ## build the CDK app once into .tools/bin/infra-app (cdk.json runs it)
	$(GO) build -C infra -o ../$(INFRA_APP) .

synth: build-lambdas-arm64 infra-app | $(CDK) ## cdk.out/ for STAGE (no AWS credentials needed); SAM reads it
	$(CDK) synth $(SYNTH_CONTEXT) --quiet

diff: build-lambdas-arm64 infra-app | $(CDK) ## what `make deploy` would change in the account
	$(CDK) diff $(CDK_CONTEXT)

deploy: build-lambdas-arm64 infra-app | $(CDK) ## deploy NewsQuotes-$(STAGE) (ALARM_EMAIL=, SCHEDULE= optional)
	$(CDK) deploy $(CDK_CONTEXT) --require-approval broadening

destroy: build-lambdas-arm64 infra-app | $(CDK) ## delete the stack (the table and the raw HTML bucket are retained)
	$(CDK) destroy $(CDK_CONTEXT)

infra-test: ## the CDK stack's assertion tests (one CDK compile, one synthesis)
	cd infra && $(GO) test ./...
