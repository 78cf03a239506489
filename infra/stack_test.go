package main

import (
	"debug/elf"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/newsquotes/newsquotes/internal/store/schema"
)

// functionIDs maps each function to its construct id, the prefix of its logical ids.
var functionIDs = map[string]string{
	collectFn: "CollectFunction",
	extractFn: "ExtractFunction",
	apiFn:     "ApiFunction",
}

func TestResourceCounts(t *testing.T) {
	want := map[string]int{
		"AWS::DynamoDB::Table":            1,
		"AWS::SQS::Queue":                 2, // extraction queue and its DLQ
		"AWS::SQS::QueuePolicy":           2, // TLS only
		"AWS::S3::Bucket":                 1,
		"AWS::S3::BucketPolicy":           1, // TLS only
		"AWS::Lambda::Function":           3, // no custom-resource functions
		"AWS::Lambda::EventSourceMapping": 1,
		"AWS::Lambda::EventInvokeConfig":  1, // collector: no async retries
		"AWS::Lambda::Permission":         1 + len(apiRoutes),
		"AWS::Logs::LogGroup":             4, // three functions and the API's access log
		"AWS::Logs::MetricFilter":         1,
		"AWS::Events::Rule":               1,
		"AWS::ApiGatewayV2::Api":          1,
		"AWS::ApiGatewayV2::Stage":        1,
		"AWS::ApiGatewayV2::Integration":  1,
		"AWS::ApiGatewayV2::Route":        len(apiRoutes),
		"AWS::IAM::Role":                  3,
		"AWS::IAM::Policy":                3,
		"AWS::IAM::ManagedPolicy":         1, // API writers
		"AWS::SNS::Topic":                 1,
		"AWS::SNS::TopicPolicy":           1, // TLS only
		"AWS::SNS::Subscription":          1,
		"AWS::CloudWatch::Alarm":          1 + 2*len(functionNames) + 1 + 1,
	}
	got := map[string]int{}
	for _, r := range asMap(tmpl["Resources"]) {
		got[asMap(r)["Type"].(string)]++
	}
	for typ, n := range want {
		if got[typ] != n {
			t.Errorf("%s: %d resources, want %d", typ, got[typ], n)
		}
	}
	for typ, n := range got {
		if _, ok := want[typ]; !ok {
			t.Errorf("unexpected resource type %s (%d)", typ, n)
		}
	}
}

func TestTableMatchesSchemaDefinition(t *testing.T) {
	def := schema.Definition
	_, table := tmpl.one(t, "AWS::DynamoDB::Table", "Table")
	p := props(table)
	if table["DeletionPolicy"] != "Retain" || table["UpdateReplacePolicy"] != "Retain" {
		t.Errorf("table deletion/replace policy %v/%v, want Retain", table["DeletionPolicy"], table["UpdateReplacePolicy"])
	}
	if p["BillingMode"] != "PAY_PER_REQUEST" {
		t.Errorf("BillingMode %v, want PAY_PER_REQUEST", p["BillingMode"])
	}
	if !jsonEqual(p["PointInTimeRecoverySpecification"], map[string]any{"PointInTimeRecoveryEnabled": true}) {
		t.Errorf("PITR %v", p["PointInTimeRecoverySpecification"])
	}
	if !jsonEqual(p["TimeToLiveSpecification"], map[string]any{"AttributeName": def.TTLAttribute, "Enabled": true}) {
		t.Errorf("TTL %v, want attribute %s", p["TimeToLiveSpecification"], def.TTLAttribute)
	}
	if got, want := keySchema(p["KeySchema"]), keys(def.PartitionKey, def.SortKey); got != want {
		t.Errorf("table keys %s, want %s", got, want)
	}

	var wantAttrs, gotAttrs []string
	for _, k := range def.AttributeDefinitions() {
		wantAttrs = append(wantAttrs, k.Name+":"+string(k.Type))
	}
	for _, a := range asSlice(p["AttributeDefinitions"]) {
		gotAttrs = append(gotAttrs, asMap(a)["AttributeName"].(string)+":"+asMap(a)["AttributeType"].(string))
	}
	sort.Strings(wantAttrs)
	sort.Strings(gotAttrs)
	if !slices.Equal(gotAttrs, wantAttrs) {
		t.Errorf("attribute definitions %v, want %v", gotAttrs, wantAttrs)
	}

	gsis := map[string]map[string]any{}
	for _, g := range asSlice(p["GlobalSecondaryIndexes"]) {
		gsis[asMap(g)["IndexName"].(string)] = asMap(g)
	}
	if len(gsis) != len(def.Indexes) {
		t.Errorf("%d GSIs, want %d", len(gsis), len(def.Indexes))
	}
	for _, ix := range def.Indexes {
		g, ok := gsis[ix.Name]
		if !ok {
			t.Errorf("GSI %s missing", ix.Name)
			continue
		}
		if got, want := keySchema(g["KeySchema"]), keys(ix.PartitionKey, ix.SortKey); got != want {
			t.Errorf("GSI %s keys %s, want %s", ix.Name, got, want)
		}
		if pt := asMap(g["Projection"])["ProjectionType"]; pt != string(ix.Projection) {
			t.Errorf("GSI %s projection %v, want %s", ix.Name, pt, ix.Projection)
		}
	}
}

func keys(pk, sk schema.Key) string {
	s := pk.Name + ":HASH"
	if sk.Name != "" {
		s += " " + sk.Name + ":RANGE"
	}
	return s
}

func keySchema(v any) string {
	var parts []string
	for _, k := range asSlice(v) {
		parts = append(parts, asMap(k)["AttributeName"].(string)+":"+asMap(k)["KeyType"].(string))
	}
	return strings.Join(parts, " ")
}

func TestQueueAndDeadLetterQueue(t *testing.T) {
	qID, q := tmpl.one(t, "AWS::SQS::Queue", "ExtractQueue")
	dlqID, dlq := tmpl.one(t, "AWS::SQS::Queue", "ExtractDeadLetterQueue")
	qp := props(q)
	redrive := asMap(qp["RedrivePolicy"])
	if !jsonEqual(redrive["deadLetterTargetArn"], getAttArn(dlqID)) {
		t.Errorf("redrive target %v, want %s", redrive["deadLetterTargetArn"], dlqID)
	}
	if n, _ := redrive["maxReceiveCount"].(float64); n < 2 || n > 10 {
		t.Errorf("maxReceiveCount %v, want 2..10", redrive["maxReceiveCount"])
	}
	_, extract := tmpl.one(t, "AWS::Lambda::Function", functionIDs[extractFn])
	timeout := props(extract)["Timeout"].(float64)
	_, esm := tmpl.one(t, "AWS::Lambda::EventSourceMapping", functionIDs[extractFn])
	window := props(esm)["MaximumBatchingWindowInSeconds"].(float64)
	if vis := qp["VisibilityTimeout"].(float64); vis < 6*timeout+window {
		t.Errorf("visibility timeout %vs < 6 x extractor timeout %vs + batching window %vs", vis, timeout, window)
	}
	if dlqRetention := props(dlq)["MessageRetentionPeriod"].(float64); dlqRetention != 14*24*3600 {
		t.Errorf("DLQ retention %vs, want the 14-day maximum", dlqRetention)
	}
	for id, p := range map[string]map[string]any{qID: qp, dlqID: props(dlq)} {
		if p["SqsManagedSseEnabled"] != true {
			t.Errorf("%s: not encrypted (SqsManagedSseEnabled %v)", id, p["SqsManagedSseEnabled"])
		}
		assertDeniesInsecureTransport(t, "AWS::SQS::QueuePolicy", "Queues", ref(id))
	}
}

// assertDeniesInsecureTransport finds the resource policy of type typ attached to target and
// checks it denies requests without TLS.
func assertDeniesInsecureTransport(t *testing.T, typ, attachKey string, target any) {
	t.Helper()
	for _, pol := range tmpl.resources(typ) {
		p := props(pol)
		if !contains(p[attachKey], target) {
			continue
		}
		for _, st := range asSlice(asMap(p["PolicyDocument"])["Statement"]) {
			s := asMap(st)
			if s["Effect"] == "Deny" && jsonEqual(s["Condition"], map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}}) {
				return
			}
		}
	}
	t.Errorf("no %s denying insecure transport for %v", typ, target)
}

func TestRawHTMLBucket(t *testing.T) {
	id, b := tmpl.one(t, "AWS::S3::Bucket", "RawHtmlBucket")
	p := props(b)
	if b["DeletionPolicy"] != "Retain" {
		t.Errorf("bucket DeletionPolicy %v, want Retain", b["DeletionPolicy"])
	}
	enc := asMap(asSlice(asMap(p["BucketEncryption"])["ServerSideEncryptionConfiguration"])[0])
	if alg := asMap(enc["ServerSideEncryptionByDefault"])["SSEAlgorithm"]; alg != "AES256" {
		t.Errorf("encryption %v, want AES256 (S3-managed)", alg)
	}
	wantBlock := map[string]any{"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true}
	if !jsonEqual(p["PublicAccessBlockConfiguration"], wantBlock) {
		t.Errorf("public access block %v", p["PublicAccessBlockConfiguration"])
	}
	assertDeniesInsecureTransport(t, "AWS::S3::BucketPolicy", "Bucket", ref(id))

	rules := asSlice(asMap(p["LifecycleConfiguration"])["Rules"])
	if len(rules) != 1 {
		t.Fatalf("lifecycle rules %v, want 1", rules)
	}
	rule := asMap(rules[0])
	var classes []string
	var lastDay float64
	for _, tr := range asSlice(rule["Transitions"]) {
		classes = append(classes, asMap(tr)["StorageClass"].(string))
		lastDay = asMap(tr)["TransitionInDays"].(float64)
	}
	if !slices.Equal(classes, []string{"STANDARD_IA", "GLACIER"}) {
		t.Errorf("transitions %v, want STANDARD_IA then GLACIER", classes)
	}
	if exp, _ := rule["ExpirationInDays"].(float64); exp <= lastDay {
		t.Errorf("expiry after %v days, want after the last transition (%v days)", rule["ExpirationInDays"], lastDay)
	}
	if rule["AbortIncompleteMultipartUpload"] == nil {
		t.Error("incomplete multipart uploads are never cleaned up")
	}
}

func TestFunctions(t *testing.T) {
	tableID, _ := tmpl.one(t, "AWS::DynamoDB::Table", "Table")
	queueID, _ := tmpl.one(t, "AWS::SQS::Queue", "ExtractQueue")
	bucketID, _ := tmpl.one(t, "AWS::S3::Bucket", "RawHtmlBucket")
	wantEnv := map[string]map[string]any{
		collectFn: {"TABLE_NAME": ref(tableID), "QUEUE_URL": ref(queueID), "BUCKET_NAME": ref(bucketID)},
		extractFn: {"TABLE_NAME": ref(tableID)},
		apiFn:     {"TABLE_NAME": ref(tableID)},
	}
	for _, fn := range functionNames {
		t.Run(fn, func(t *testing.T) {
			_, f := tmpl.one(t, "AWS::Lambda::Function", functionIDs[fn])
			p := props(f)
			if p["Runtime"] != "provided.al2023" || p["Handler"] != "bootstrap" {
				t.Errorf("runtime %v handler %v, want provided.al2023 bootstrap", p["Runtime"], p["Handler"])
			}
			if !jsonEqual(p["Architectures"], []any{"arm64"}) {
				t.Errorf("architectures %v, want arm64", p["Architectures"])
			}
			logging := asMap(p["LoggingConfig"])
			if logging["LogFormat"] != "JSON" || logging["ApplicationLogLevel"] != "INFO" {
				t.Errorf("logging %v, want JSON at INFO", logging)
			}
			logGroupID, _ := tmpl.one(t, "AWS::Logs::LogGroup", functionIDs[fn]+"Logs")
			if !jsonEqual(logging["LogGroup"], ref(logGroupID)) {
				t.Errorf("log group %v, want %s", logging["LogGroup"], logGroupID)
			}
			_, lg := tmpl.one(t, "AWS::Logs::LogGroup", functionIDs[fn]+"Logs")
			if days := props(lg)["RetentionInDays"]; days != float64(30) {
				t.Errorf("log retention %v days, want 30", days)
			}

			env := asMap(asMap(p["Environment"])["Variables"])
			var gotKeys []string
			for k := range env {
				gotKeys = append(gotKeys, k)
			}
			wantKeys := []string{"LOG_LEVEL"}
			for k, v := range wantEnv[fn] {
				wantKeys = append(wantKeys, k)
				if !jsonEqual(env[k], v) {
					t.Errorf("%s = %v, want %v", k, env[k], v)
				}
			}
			if fn != extractFn {
				wantKeys = append(wantKeys, "USER_AGENT")
				if ua, _ := env["USER_AGENT"].(string); !strings.Contains(ua, "newsquotes") {
					t.Errorf("USER_AGENT %q does not name the project", ua)
				}
			}
			sort.Strings(gotKeys)
			sort.Strings(wantKeys)
			if !slices.Equal(gotKeys, wantKeys) {
				t.Errorf("environment %v, want exactly %v", gotKeys, wantKeys)
			}

			reserved, hasReserved := p["ReservedConcurrentExecutions"]
			if fn == collectFn && reserved != float64(1) {
				t.Errorf("collector reserved concurrency %v, want 1", reserved)
			}
			if fn != collectFn && hasReserved {
				t.Errorf("reserved concurrency %v: only the collector is limited", reserved)
			}
		})
	}

	_, apiFunc := tmpl.one(t, "AWS::Lambda::Function", functionIDs[apiFn])
	if timeout := props(apiFunc)["Timeout"].(float64); timeout >= 30 {
		t.Errorf("api timeout %vs: the HTTP API gives up at 30s", timeout)
	}
	collectID, _ := tmpl.one(t, "AWS::Lambda::Function", functionIDs[collectFn])
	_, invoke := tmpl.one(t, "AWS::Lambda::EventInvokeConfig", functionIDs[collectFn])
	if p := props(invoke); !jsonEqual(p["FunctionName"], ref(collectID)) || p["MaximumRetryAttempts"] != float64(0) {
		t.Errorf("collector async config %v, want no retries", p)
	}
}

func TestCollectSchedule(t *testing.T) {
	collectID, _ := tmpl.one(t, "AWS::Lambda::Function", functionIDs[collectFn])
	_, rule := tmpl.one(t, "AWS::Events::Rule", "CollectSchedule")
	p := props(rule)
	if p["ScheduleExpression"] != testProps.Schedule || p["State"] != "ENABLED" {
		t.Errorf("schedule %v state %v, want %s ENABLED", p["ScheduleExpression"], p["State"], testProps.Schedule)
	}
	targets := asSlice(p["Targets"])
	if len(targets) != 1 || !jsonEqual(asMap(targets[0])["Arn"], getAttArn(collectID)) {
		t.Errorf("targets %v, want the collector", targets)
	}
	assertInvokePermission(t, collectID, "events.amazonaws.com")
}

// assertInvokePermission checks that principal may invoke function fnID.
func assertInvokePermission(t *testing.T, fnID, principal string) {
	t.Helper()
	for _, perm := range tmpl.resources("AWS::Lambda::Permission") {
		p := props(perm)
		if p["Principal"] == principal && jsonEqual(p["FunctionName"], getAttArn(fnID)) && p["Action"] == "lambda:InvokeFunction" {
			return
		}
	}
	t.Errorf("%s may not invoke %s", principal, fnID)
}

func TestExtractEventSource(t *testing.T) {
	extractID, _ := tmpl.one(t, "AWS::Lambda::Function", functionIDs[extractFn])
	queueID, _ := tmpl.one(t, "AWS::SQS::Queue", "ExtractQueue")
	_, esm := tmpl.one(t, "AWS::Lambda::EventSourceMapping", functionIDs[extractFn])
	p := props(esm)
	if !jsonEqual(p["EventSourceArn"], getAttArn(queueID)) || !jsonEqual(p["FunctionName"], ref(extractID)) {
		t.Errorf("event source %v -> %v, want the queue -> extract", p["EventSourceArn"], p["FunctionName"])
	}
	if !jsonEqual(p["FunctionResponseTypes"], []any{"ReportBatchItemFailures"}) {
		t.Errorf("FunctionResponseTypes %v, want ReportBatchItemFailures", p["FunctionResponseTypes"])
	}
	if w, _ := p["MaximumBatchingWindowInSeconds"].(float64); w <= 0 {
		t.Errorf("batching window %v, want > 0", p["MaximumBatchingWindowInSeconds"])
	}
	if c, _ := asMap(p["ScalingConfig"])["MaximumConcurrency"].(float64); c < 2 {
		t.Errorf("event source concurrency %v, want a bound (>= 2)", p["ScalingConfig"])
	}
	if n, _ := p["BatchSize"].(float64); n < 1 || n > 10 {
		t.Errorf("batch size %v, want 1..10", p["BatchSize"])
	}
}

func TestHTTPAPI(t *testing.T) {
	apiID, api := tmpl.one(t, "AWS::ApiGatewayV2::Api", "HttpApi")
	p := props(api)
	if p["ProtocolType"] != "HTTP" {
		t.Errorf("protocol %v, want HTTP", p["ProtocolType"])
	}
	cors := asMap(p["CorsConfiguration"])
	if !jsonEqual(cors["AllowOrigins"], []any{"*"}) || !contains(cors["AllowMethods"], "POST") {
		t.Errorf("CORS %v", cors)
	}
	for _, h := range []string{"Content-Type", "Authorization", "X-Amz-Date", "X-Amz-Security-Token"} {
		if !contains(cors["AllowHeaders"], h) {
			t.Errorf("CORS does not allow header %s (SigV4 clients need it)", h)
		}
	}

	integrationID, integration := tmpl.one(t, "AWS::ApiGatewayV2::Integration", "HttpApi")
	apiFuncID, _ := tmpl.one(t, "AWS::Lambda::Function", functionIDs[apiFn])
	ip := props(integration)
	if ip["IntegrationType"] != "AWS_PROXY" || ip["PayloadFormatVersion"] != "2.0" || !jsonEqual(ip["IntegrationUri"], getAttArn(apiFuncID)) {
		t.Errorf("integration %v, want AWS_PROXY payload 2.0 to the api function", ip)
	}

	// The routes functions/api serves; the write routes need a SigV4 signature.
	want := map[string]string{
		"GET /health":                "NONE",
		"GET /quotes":                "NONE",
		"GET /quotes/{id}":           "NONE",
		"GET /articles/{id}":         "NONE",
		"POST /articles":             "AWS_IAM",
		"GET /speakers":              "NONE",
		"GET /speakers/{key}/quotes": "NONE",
		"GET /entities/{key}":        "NONE",
		"GET /sources":               "NONE",
		"POST /sources":              "AWS_IAM",
	}
	got := map[string]string{}
	for _, r := range tmpl.resources("AWS::ApiGatewayV2::Route") {
		rp := props(r)
		key := rp["RouteKey"].(string)
		got[key] = rp["AuthorizationType"].(string)
		if !jsonEqual(rp["ApiId"], ref(apiID)) || !contains(rp["Target"], ref(integrationID)) {
			t.Errorf("route %s not wired to the api integration: %v", key, rp["Target"])
		}
	}
	for key, auth := range want {
		if g, ok := got[key]; !ok {
			t.Errorf("route %s missing", key)
		} else if g != auth {
			t.Errorf("route %s authorization %s, want %s", key, g, auth)
		}
	}
	for key := range got {
		if _, ok := want[key]; !ok {
			t.Errorf("unexpected route %s", key)
		}
	}

	_, stage := tmpl.one(t, "AWS::ApiGatewayV2::Stage", "HttpApiDefaultStage")
	sp := props(stage)
	if sp["StageName"] != "$default" || sp["AutoDeploy"] != true {
		t.Errorf("stage %v auto-deploy %v, want $default, true", sp["StageName"], sp["AutoDeploy"])
	}
	throttle := asMap(sp["DefaultRouteSettings"])
	if r, _ := throttle["ThrottlingRateLimit"].(float64); r <= 0 {
		t.Errorf("stage rate limit %v", throttle["ThrottlingRateLimit"])
	}
	if b, _ := throttle["ThrottlingBurstLimit"].(float64); b <= 0 {
		t.Errorf("stage burst limit %v", throttle["ThrottlingBurstLimit"])
	}
	logsID, _ := tmpl.one(t, "AWS::Logs::LogGroup", "HttpApiAccessLogs")
	access := asMap(sp["AccessLogSettings"])
	if !jsonEqual(access["DestinationArn"], getAttArn(logsID)) {
		t.Errorf("access logs to %v, want %s", access["DestinationArn"], logsID)
	}
	var line map[string]any
	if err := json.Unmarshal([]byte(access["Format"].(string)), &line); err != nil || line["requestId"] == nil {
		t.Errorf("access log format is not JSON with a requestId: %v", err)
	}

	// Only write routes may be called by the writer policy's holders, and only those.
	_, writer := tmpl.one(t, "AWS::IAM::ManagedPolicy", "ApiWriterPolicy")
	stmts := asSlice(asMap(props(writer)["PolicyDocument"])["Statement"])
	if len(stmts) != 1 || asMap(stmts[0])["Action"] != "execute-api:Invoke" {
		t.Fatalf("writer policy %v", stmts)
	}
	res, _ := json.Marshal(asMap(stmts[0])["Resource"])
	for _, route := range []string{"/POST/articles", "/POST/sources"} {
		if !strings.Contains(string(res), route) {
			t.Errorf("writer policy does not cover %s: %s", route, res)
		}
	}
	if strings.Contains(string(res), "/GET/") {
		t.Errorf("writer policy covers read routes: %s", res)
	}
}

func TestAlarms(t *testing.T) {
	topicID, topic := tmpl.one(t, "AWS::SNS::Topic", "AlarmTopic")
	_ = topic
	assertDeniesInsecureTransport(t, "AWS::SNS::TopicPolicy", "Topics", ref(topicID))
	_, sub := tmpl.one(t, "AWS::SNS::Subscription", "AlarmTopic")
	if sp := props(sub); sp["Protocol"] != "email" || sp["Endpoint"] != testProps.AlarmEmail || !jsonEqual(sp["TopicArn"], ref(topicID)) {
		t.Errorf("subscription %v, want e-mail to %s", sp, testProps.AlarmEmail)
	}

	alarms := tmpl.resources("AWS::CloudWatch::Alarm")
	for id, a := range alarms {
		if !jsonEqual(props(a)["AlarmActions"], []any{ref(topicID)}) {
			t.Errorf("alarm %s does not notify the topic: %v", id, props(a)["AlarmActions"])
		}
	}
	find := func(namespace, metric string, dimension any) map[string]any {
		t.Helper()
		for _, a := range alarms {
			p := props(a)
			if p["Namespace"] == namespace && p["MetricName"] == metric && (dimension == nil || contains(p["Dimensions"], dimension)) {
				return p
			}
		}
		t.Errorf("no alarm on %s %s %v", namespace, metric, dimension)
		return nil
	}

	dlqID, _ := tmpl.one(t, "AWS::SQS::Queue", "ExtractDeadLetterQueue")
	if p := find("AWS/SQS", "ApproximateNumberOfMessagesVisible", map[string]any{"Fn::GetAtt": []any{dlqID, "QueueName"}}); p != nil {
		if p["Threshold"] != float64(1) || p["ComparisonOperator"] != "GreaterThanOrEqualToThreshold" {
			t.Errorf("DLQ alarm fires at %v %v, want >= 1 message", p["ComparisonOperator"], p["Threshold"])
		}
	}
	for _, fn := range functionNames {
		fnID, _ := tmpl.one(t, "AWS::Lambda::Function", functionIDs[fn])
		for _, metric := range []string{"Errors", "Throttles"} {
			p := find("AWS/Lambda", metric, map[string]any{"Name": "FunctionName", "Value": ref(fnID)})
			if p != nil && (p["Threshold"] != float64(1) || p["Statistic"] != "Sum") {
				t.Errorf("%s %s alarm: %v %v", fn, metric, p["Statistic"], p["Threshold"])
			}
		}
	}
	find("AWS/ApiGateway", "5xx", nil)

	// Nothing stored for a day: the collector's summary line feeds a metric through a filter.
	_, filter := tmpl.one(t, "AWS::Logs::MetricFilter", functionIDs[collectFn]+"Logs")
	collectLogsID, _ := tmpl.one(t, "AWS::Logs::LogGroup", functionIDs[collectFn]+"Logs")
	fp := props(filter)
	if !jsonEqual(fp["LogGroupName"], ref(collectLogsID)) {
		t.Errorf("metric filter on %v, want the collector's log group", fp["LogGroupName"])
	}
	if pattern := fp["FilterPattern"].(string); !strings.Contains(pattern, "$.msg") || !strings.Contains(pattern, collectSummaryMessage) {
		t.Errorf("filter pattern %q does not select the run summary", pattern)
	}
	transform := asMap(asSlice(fp["MetricTransformations"])[0])
	p := find(transform["MetricNamespace"].(string), transform["MetricName"].(string), nil)
	if transform["MetricValue"] != "$."+collectSummaryStoredJSON {
		t.Errorf("metric value %v, want the summary's %s", transform["MetricValue"], collectSummaryStoredJSON)
	}
	if !strings.HasSuffix(transform["MetricNamespace"].(string), "/"+testProps.Stage) {
		t.Errorf("namespace %v does not separate stages", transform["MetricNamespace"])
	}
	if p != nil {
		window := p["Period"].(float64) * p["EvaluationPeriods"].(float64)
		if window != 24*3600 || p["DatapointsToAlarm"] != p["EvaluationPeriods"] ||
			p["ComparisonOperator"] != "LessThanThreshold" || p["Threshold"] != float64(1) ||
			p["TreatMissingData"] != "breaching" || p["Statistic"] != "Sum" {
			t.Errorf("nothing-collected alarm: want Sum < 1 over every period of 24h, missing data breaching: %v", p)
		}
	}
}

func TestOutputs(t *testing.T) {
	outputs := asMap(tmpl["Outputs"])
	for _, name := range []string{"ApiUrl", "TableName", "QueueUrl", "BucketName", "AlarmTopicArn", "ApiWriterPolicyArn"} {
		if _, ok := outputs[name]; !ok {
			t.Errorf("output %s missing", name)
		}
	}
	tableID, _ := tmpl.one(t, "AWS::DynamoDB::Table", "Table")
	if !jsonEqual(asMap(outputs["TableName"])["Value"], ref(tableID)) {
		t.Errorf("TableName output %v", outputs["TableName"])
	}
}

// policyStatements returns the statements of every inline policy attached to role roleID.
func policyStatements(roleID string) []map[string]any {
	var out []map[string]any
	for _, pol := range tmpl.resources("AWS::IAM::Policy") {
		p := props(pol)
		if !contains(p["Roles"], ref(roleID)) {
			continue
		}
		for _, st := range asSlice(asMap(p["PolicyDocument"])["Statement"]) {
			out = append(out, asMap(st))
		}
	}
	return out
}

func strs(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

var wildcardAction = regexp.MustCompile(`^(\*|[a-z0-9-]+:\*)$`)

// actionAllowed reports whether one of the action patterns (IAM wildcards, case-insensitive)
// covers action.
func actionAllowed(patterns []string, action string) bool {
	for _, p := range patterns {
		if ok, _ := path.Match(strings.ToLower(p), strings.ToLower(action)); ok {
			return true
		}
	}
	return false
}

func TestIAMLeastPrivilege(t *testing.T) {
	// No statement anywhere allows every action of a service or every resource.
	for _, typ := range []string{"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"} {
		for id, pol := range tmpl.resources(typ) {
			for _, st := range asSlice(asMap(props(pol)["PolicyDocument"])["Statement"]) {
				s := asMap(st)
				for _, a := range strs(s["Action"]) {
					if wildcardAction.MatchString(a) {
						t.Errorf("%s allows action %q", id, a)
					}
				}
				if slices.Contains(strs(s["Resource"]), "*") {
					t.Errorf("%s: %v on resource *", id, s["Action"])
				}
				if s["NotAction"] != nil || s["NotResource"] != nil {
					t.Errorf("%s uses NotAction/NotResource", id)
				}
			}
		}
	}
	for id, role := range tmpl.resources("AWS::IAM::Role") {
		if arns := props(role)["ManagedPolicyArns"]; arns != nil {
			t.Errorf("role %s has managed policies %v: grants only", id, arns)
		}
	}

	tableID, _ := tmpl.one(t, "AWS::DynamoDB::Table", "Table")
	queueID, _ := tmpl.one(t, "AWS::SQS::Queue", "ExtractQueue")
	bucketID, _ := tmpl.one(t, "AWS::S3::Bucket", "RawHtmlBucket")
	type grant struct {
		action   string
		resource any
	}
	tableWrite := grant{"dynamodb:PutItem", getAttArn(tableID)}
	tableQuery := grant{"dynamodb:Query", getAttArn(tableID)}
	// No request path may Scan (only the collector's re-extraction backfill); DescribeTable and
	// streams are unused.
	tableScan := grant{"dynamodb:Scan", getAttArn(tableID)}
	tableDescribe := grant{"dynamodb:DescribeTable", getAttArn(tableID)}
	tableStream := grant{"dynamodb:GetRecords", getAttArn(tableID)}
	sqsSend := grant{"sqs:SendMessage", getAttArn(queueID)}
	sqsReceive := grant{"sqs:ReceiveMessage", getAttArn(queueID)}
	s3Put := grant{"s3:PutObject", getAttArn(bucketID)}
	s3Get := grant{"s3:GetObject", getAttArn(bucketID)}
	s3Delete := grant{"s3:DeleteObject", getAttArn(bucketID)}
	sqsPurge := grant{"sqs:PurgeQueue", getAttArn(queueID)}
	allGrants := []grant{tableWrite, tableQuery, tableScan, tableDescribe, tableStream,
		sqsSend, sqsReceive, sqsPurge, s3Put, s3Get, s3Delete}
	// What each function does, and so may do.
	want := map[string][]grant{
		collectFn: {tableWrite, tableQuery, tableScan, sqsSend, s3Put},
		extractFn: {tableWrite, tableQuery, sqsReceive},
		apiFn:     {tableWrite, tableQuery},
	}
	for _, fn := range functionNames {
		t.Run(fn, func(t *testing.T) {
			fnID, f := tmpl.one(t, "AWS::Lambda::Function", functionIDs[fn])
			roleID, _ := asSlice(asMap(props(f)["Role"])["Fn::GetAtt"])[0].(string)
			stmts := policyStatements(roleID)
			allowed := func(g grant) bool {
				for _, s := range stmts {
					if s["Effect"] == "Allow" && actionAllowed(strs(s["Action"]), g.action) && contains(s["Resource"], g.resource) {
						return true
					}
				}
				return false
			}
			for _, g := range allGrants {
				w := slices.ContainsFunc(want[fn], func(x grant) bool { return x.action == g.action })
				if w != allowed(g) {
					t.Errorf("%s: %s on %v allowed=%v, want %v", fnID, g.action, g.resource, !w, w)
				}
			}
			for _, s := range stmts {
				if actionAllowed(strs(s["Action"]), tableScan.action) && !jsonEqual(s["Resource"], tableScan.resource) {
					t.Errorf("%s: Scan on %v, want the table only (no index)", fnID, s["Resource"])
				}
			}
			logsID, _ := tmpl.one(t, "AWS::Logs::LogGroup", functionIDs[fn]+"Logs")
			if !allowed(grant{"logs:PutLogEvents", getAttArn(logsID)}) {
				t.Errorf("%s may not write to its log group", fnID)
			}
			for _, s := range stmts {
				for _, a := range strs(s["Action"]) {
					if strings.HasPrefix(a, "logs:") && !contains(s["Resource"], getAttArn(logsID)) {
						t.Errorf("%s: %s beyond its own log group: %v", fnID, a, s["Resource"])
					}
				}
			}
		})
	}
}

// TestSAMTemplate checks the synthesized template on disk has what `sam local invoke -t
// cdk.out/<stack>.template.json` needs: for each function the runtime, the handler and the
// aws:asset:path metadata naming a folder, next to the template, holding the binary.
func TestSAMTemplate(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(assemblyDir, stackID+".template.json"))
	if err != nil {
		t.Fatal(err)
	}
	var onDisk template
	if err := json.Unmarshal(data, &onDisk); err != nil {
		t.Fatal(err)
	}
	for _, fn := range functionNames {
		t.Run(fn, func(t *testing.T) {
			_, f := onDisk.one(t, "AWS::Lambda::Function", functionIDs[fn])
			p := props(f)
			if p["Runtime"] != "provided.al2023" || p["Handler"] != "bootstrap" {
				t.Errorf("runtime %v handler %v", p["Runtime"], p["Handler"])
			}
			meta := asMap(f["Metadata"])
			if meta["aws:asset:property"] != "Code" {
				t.Errorf("aws:asset:property %v, want Code", meta["aws:asset:property"])
			}
			assetPath, _ := meta["aws:asset:path"].(string)
			if assetPath == "" || filepath.IsAbs(assetPath) {
				t.Fatalf("aws:asset:path %q, want a folder relative to the template", assetPath)
			}
			bootstrap := filepath.Join(assemblyDir, assetPath, "bootstrap")
			info, err := os.Stat(bootstrap)
			if err != nil {
				t.Fatalf("asset folder has no bootstrap: %v", err)
			}
			if info.Mode()&0o111 == 0 {
				t.Errorf("%s is not executable (%v)", bootstrap, info.Mode())
			}
			if placeholders[fn] {
				t.Skipf("functions/%s not in the tree yet: placeholder bootstrap", fn)
			}
			bin, err := elf.Open(bootstrap)
			if err != nil {
				t.Fatalf("bootstrap is not an ELF binary: %v", err)
			}
			defer bin.Close()
			if bin.Machine != elf.EM_AARCH64 {
				t.Errorf("bootstrap built for %v, want arm64", bin.Machine)
			}
		})
	}
}

// TestSAMLocalDeclaresEnvJSON checks that with SAMLocal every variable events/env.json sets
// for a function is declared in its template: SAM ignores the others.
func TestSAMLocalDeclaresEnvJSON(t *testing.T) {
	data, err := os.ReadFile("../events/env.json")
	if err != nil {
		t.Skipf("no events/env.json yet: %v", err)
	}
	var envFile map[string]map[string]string
	if err := json.Unmarshal(data, &envFile); err != nil {
		t.Fatalf("events/env.json: %v", err)
	}
	for fnID, vars := range envFile {
		if fnID == "Parameters" {
			continue // applies to every function, for variables they declare
		}
		_, f := samLocalTmpl.one(t, "AWS::Lambda::Function", fnID)
		declared := asMap(asMap(props(f)["Environment"])["Variables"])
		for k := range vars {
			if _, ok := declared[k]; !ok {
				t.Errorf("events/env.json sets %s for %s, which the template does not declare: sam local would ignore it", k, fnID)
			}
		}
	}
	// The deployable template declares none of the local-only variables.
	for _, fn := range functionNames {
		_, f := tmpl.one(t, "AWS::Lambda::Function", functionIDs[fn])
		for _, k := range samLocalEnv {
			if _, ok := asMap(asMap(props(f)["Environment"])["Variables"])[k]; ok {
				t.Errorf("%s declares %s outside SAMLocal", fn, k)
			}
		}
	}
}

// TestLogicalIDsStable compares the logical ids with testdata/logical-ids.txt: a renamed or
// moved construct changes its id, and CloudFormation then replaces the resource. Review the
// diff; accept it with -update.
func TestLogicalIDsStable(t *testing.T) {
	var lines []string
	for id, r := range asMap(tmpl["Resources"]) {
		lines = append(lines, id+" "+asMap(r)["Type"].(string))
	}
	sort.Strings(lines)
	got := strings.Join(lines, "\n") + "\n"
	golden := filepath.Join("testdata", "logical-ids.txt")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		gotSet := map[string]bool{}
		for _, l := range lines {
			gotSet[l] = true
		}
		for _, l := range strings.Split(strings.TrimSpace(string(want)), "\n") {
			if !gotSet[l] {
				t.Errorf("gone (CloudFormation would delete or replace it): %s", l)
			}
			delete(gotSet, l)
		}
		for l := range gotSet {
			t.Errorf("new: %s", l)
		}
	}
	// The stateful resources keep hand-picked ids whatever the construct tree looks like.
	for _, id := range []string{"Table", "RawHtmlBucket", "ExtractQueue", "ExtractDeadLetterQueue"} {
		if _, ok := asMap(tmpl["Resources"])[id]; !ok {
			t.Errorf("stateful resource %s lost its pinned logical id", id)
		}
	}
}
