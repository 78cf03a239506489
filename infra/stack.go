package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2authorizers"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2integrations"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatchactions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// The collector logs one JSON summary line per run (functions/collect). A metric filter turns
// that line into the ArticlesStored metric, so the "nothing stored for a day" alarm needs no
// CloudWatch API call (and no cloudwatch:PutMetricData grant) from the function.
const (
	metricNamespace          = "NewsQuotes"
	articlesStoredMetric     = "ArticlesStored"
	collectSummaryMessage    = "collect run"     // the summary line's "msg"
	collectSummaryStoredJSON = "articles_stored" // its count of articles written (new or changed)
)

// NewsQuotesStackProps configures a deployment. Zero values take the defaults in withDefaults.
type NewsQuotesStackProps struct {
	awscdk.StackProps

	// Stage names the deployment (dev, prod); it tags every resource.
	Stage string
	// Schedule is the collector's EventBridge schedule expression, e.g. "rate(1 hour)".
	Schedule string
	// AssetDir holds one folder per function, each with a prebuilt linux/arm64 `bootstrap`
	// (dist/ at the repository root: `make build-lambdas-arm64`).
	AssetDir string

	CollectMemoryMB float64
	ExtractMemoryMB float64
	APIMemoryMB     float64
	// CollectTimeout bounds one collection run; the collector watches its deadline and
	// leaves the rest for the next run.
	CollectTimeout awscdk.Duration
	// ExtractTimeout bounds one SQS batch; the queue's visibility timeout derives from it.
	ExtractTimeout awscdk.Duration

	// LogRetention applies to every function's and the API's log group.
	LogRetention awslogs.RetentionDays
	// LogLevel is the functions' log level: debug, info, warn or error.
	LogLevel string
	// UserAgent is sent with every fetch; it should name the operator and a contact URL.
	UserAgent string

	// RawHTMLExpiryDays deletes stored raw HTML after this many days (transitions to
	// Infrequent Access at 30 days and Glacier Flexible Retrieval at 90 come first).
	RawHTMLExpiryDays float64

	// APIRateLimit and APIBurstLimit throttle the whole API stage (requests per second).
	APIRateLimit  float64
	APIBurstLimit float64
	// CorsAllowOrigins lists the browser origins allowed to call the API.
	CorsAllowOrigins []string

	// AlarmEmail, when set, subscribes this address to the alarm topic.
	AlarmEmail string

	// SAMLocal declares, empty, the variables `sam local --env-vars events/env.json` sets for a
	// local run (samLocalEnv): SAM only overrides variables the template defines. For
	// `make synth SAM_LOCAL=1`; never deploy such a template.
	SAMLocal bool
}

// samLocalEnv are the variables a local run adds: endpoints of DynamoDB Local and the other
// emulated services, and permission to fetch from loopback test sites. Empty values are
// ignored by the AWS SDK and by internal/fetch.
var samLocalEnv = []string{
	"AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_S3", "NEWSQUOTES_ALLOW_LOOPBACK",
}

// withDefaults returns a copy of p with every unset field filled in.
func (p NewsQuotesStackProps) withDefaults() NewsQuotesStackProps {
	if p.Stage == "" {
		p.Stage = "dev"
	}
	if p.Schedule == "" {
		p.Schedule = "rate(1 hour)"
	}
	if p.AssetDir == "" {
		p.AssetDir = "dist"
	}
	if p.CollectMemoryMB == 0 {
		p.CollectMemoryMB = 512
	}
	if p.ExtractMemoryMB == 0 {
		p.ExtractMemoryMB = 512
	}
	if p.APIMemoryMB == 0 {
		p.APIMemoryMB = 256
	}
	if p.CollectTimeout == nil {
		p.CollectTimeout = awscdk.Duration_Minutes(jsii.Number(10))
	}
	if p.ExtractTimeout == nil {
		p.ExtractTimeout = awscdk.Duration_Seconds(jsii.Number(60))
	}
	if p.LogRetention == "" {
		p.LogRetention = awslogs.RetentionDays_ONE_MONTH
	}
	if p.LogLevel == "" {
		p.LogLevel = "info"
	}
	if p.UserAgent == "" {
		p.UserAgent = "newsquotes/1.0 (+https://github.com/newsquotes/newsquotes)"
	}
	if p.RawHTMLExpiryDays == 0 {
		p.RawHTMLExpiryDays = 365
	}
	if p.APIRateLimit == 0 {
		p.APIRateLimit = 50
	}
	if p.APIBurstLimit == 0 {
		p.APIBurstLimit = 100
	}
	if len(p.CorsAllowOrigins) == 0 {
		p.CorsAllowOrigins = []string{"*"}
	}
	return p
}

// Function names: each is a folder under functions/ and under the asset dir.
const (
	collectFn = "collect"
	extractFn = "extract"
	apiFn     = "api"
)

// functionNames lists the deployed functions in a fixed order.
var functionNames = []string{collectFn, extractFn, apiFn}

// apiRoute is one route of the HTTP API. Write routes (every method but GET) require IAM
// authorization; read routes are public.
type apiRoute struct {
	method awsapigatewayv2.HttpMethod
	path   string
}

func (r apiRoute) isWrite() bool { return r.method != awsapigatewayv2.HttpMethod_GET }

// apiRoutes are the routes functions/api serves; TestRoutesMatchOpenAPI keeps them, and which
// need a signature, in step with ../openapi.yaml.
var apiRoutes = []apiRoute{
	{awsapigatewayv2.HttpMethod_GET, "/health"},
	{awsapigatewayv2.HttpMethod_GET, "/quotes"},
	{awsapigatewayv2.HttpMethod_GET, "/quotes/{id}"},
	{awsapigatewayv2.HttpMethod_GET, "/articles/{id}"},
	{awsapigatewayv2.HttpMethod_POST, "/articles"},
	{awsapigatewayv2.HttpMethod_GET, "/speakers"},
	{awsapigatewayv2.HttpMethod_GET, "/speakers/{key}/quotes"},
	{awsapigatewayv2.HttpMethod_GET, "/entities/{key}"},
	{awsapigatewayv2.HttpMethod_GET, "/sources"},
	{awsapigatewayv2.HttpMethod_POST, "/sources"},
}

// NewNewsQuotesStack defines the whole system: storage, the queue between collector and
// extractor, the three functions, the schedule, the HTTP API and the alarms.
func NewNewsQuotesStack(scope constructs.Construct, id string, props *NewsQuotesStackProps) awscdk.Stack {
	var p NewsQuotesStackProps
	if props != nil {
		p = *props
	}
	p = p.withDefaults()

	stack := awscdk.NewStack(scope, &id, &p.StackProps)
	if p.SAMLocal {
		awscdk.Annotations_Of(stack).AddWarningV2(jsii.String("newsquotes:samLocal"),
			jsii.String("synthesized for sam local (empty endpoint and loopback variables): do not deploy"))
	}
	awscdk.Tags_Of(stack).Add(jsii.String("project"), jsii.String("newsquotes"), nil)
	awscdk.Tags_Of(stack).Add(jsii.String("stage"), jsii.String(p.Stage), nil)

	table := newTable(stack)
	queue, dlq := newQueues(stack, p)
	bucket := newRawHTMLBucket(stack, p)

	collect := newGoFunction(stack, "CollectFunction", p, functionSpec{
		name:        collectFn,
		description: "Scheduled collector: finds new articles in the sources, stores them, queues them for extraction",
		memoryMB:    p.CollectMemoryMB,
		timeout:     p.CollectTimeout,
		// One collector at a time: overlapping runs would fetch the same pages twice (the run
		// lock in the table is the second line of defence).
		reservedConcurrency: jsii.Number(1),
		// A failed run is not retried; the next scheduled run picks up where it stopped.
		retryAttempts: jsii.Number(0),
		env: map[string]*string{
			"TABLE_NAME":  table.TableName(),
			"QUEUE_URL":   queue.QueueUrl(),
			"BUCKET_NAME": bucket.BucketName(),
			"USER_AGENT":  jsii.String(p.UserAgent),
		},
	})
	extract := newGoFunction(stack, "ExtractFunction", p, functionSpec{
		name:        extractFn,
		description: "Extracts quotes and entities from queued articles and stores them",
		memoryMB:    p.ExtractMemoryMB,
		timeout:     p.ExtractTimeout,
		env: map[string]*string{
			"TABLE_NAME": table.TableName(),
		},
	})
	api := newGoFunction(stack, "ApiFunction", p, functionSpec{
		name:        apiFn,
		description: "HTTP API: quotes, speakers, entities, articles and sources; scrapes submitted URLs",
		memoryMB:    p.APIMemoryMB,
		// HTTP APIs give up on an integration after 30 s.
		timeout: awscdk.Duration_Seconds(jsii.Number(29)),
		env: map[string]*string{
			"TABLE_NAME": table.TableName(),
			"USER_AGENT": jsii.String(p.UserAgent),
		},
	})

	// Least privilege: each function gets exactly the calls it makes.
	// collect: reads sources and the run lock, writes articles and source state; queues ids;
	// stores raw HTML.
	grantTableData(table, collect)
	// The re-extraction backfill ({"action": "reextract"}, store.StaleArticles) is the one
	// caller that scans: the table only, never an index.
	collect.AddToRolePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("dynamodb:Scan"),
		Resources: jsii.Strings(*table.TableArn()),
	}))
	queue.Grants().SendMessages(collect)
	bucket.Grants().Put(collect, nil)
	// extract: loads articles, writes quotes and entities. The event source grants consume.
	grantTableData(table, extract)
	// api: reads everything; writes on POST /articles (scrape and store, synchronously, so the
	// response carries the quotes: no queue) and POST /sources. It keeps no raw HTML.
	grantTableData(table, api)

	awsevents.NewRule(stack, jsii.String("CollectSchedule"), &awsevents.RuleProps{
		Description: jsii.String("Runs the collector"),
		Schedule:    awsevents.Schedule_Expression(jsii.String(p.Schedule)),
		Targets: &[]awsevents.IRuleTarget{
			awseventstargets.NewLambdaFunction(collect, &awseventstargets.LambdaFunctionProps{
				RetryAttempts: jsii.Number(2),
				MaxEventAge:   awscdk.Duration_Hours(jsii.Number(1)),
			}),
		},
	})

	extract.AddEventSource(awslambdaeventsources.NewSqsEventSource(queue, &awslambdaeventsources.SqsEventSourceProps{
		BatchSize:         jsii.Number(10),
		MaxBatchingWindow: awscdk.Duration_Seconds(jsii.Number(extractBatchingWindowSeconds)),
		// The handler returns the failed message ids; only those come back.
		ReportBatchItemFailures: jsii.Bool(true),
		// A backlog drains at a bounded rate instead of fanning out to the account's
		// concurrency limit.
		MaxConcurrency: jsii.Number(5),
	}))

	httpAPI, stage := newHTTPAPI(stack, p, api)
	writerPolicy := newAPIWriterPolicy(stack, httpAPI)

	topic := newAlarms(stack, p, alarmSubjects{
		functions: map[string]awslambda.Function{collectFn: collect, extractFn: extract, apiFn: api},
		collect:   collect,
		dlq:       dlq,
		httpAPI:   httpAPI,
	})

	output(stack, "ApiUrl", stage.Url(), "Base URL of the HTTP API")
	output(stack, "TableName", table.TableName(), "DynamoDB table")
	output(stack, "QueueUrl", queue.QueueUrl(), "Extraction queue")
	output(stack, "DeadLetterQueueUrl", dlq.QueueUrl(), "Messages that failed extraction repeatedly")
	output(stack, "BucketName", bucket.BucketName(), "Raw HTML bucket")
	output(stack, "AlarmTopicArn", topic.TopicArn(), "SNS topic the alarms notify")
	output(stack, "ApiWriterPolicyArn", writerPolicy.ManagedPolicyArn(),
		"Attach to the users or roles allowed to call the write routes (SigV4-signed)")
	output(stack, "CollectFunctionName", collect.FunctionName(), "Collector function (invoke for a manual run)")
	return stack
}

// tableDataActions are the DynamoDB calls internal/store makes (TransactWriteItems is authorised
// per item by the Put/Update/Delete/ConditionCheck actions). ReadWriteData would also allow Scan,
// which no request path may use (only the collector's backfill, granted apart), DescribeTable and
// the stream reads.
var tableDataActions = []string{
	"dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:ConditionCheckItem",
	"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem",
}

// grantTableData lets fn make tableDataActions on the table and its indexes.
func grantTableData(table awsdynamodb.Table, fn awslambda.Function) {
	actions := make([]*string, len(tableDataActions))
	for i, a := range tableDataActions {
		actions[i] = jsii.String(a)
	}
	table.Grants().Actions(fn, actions...)
}

// extractBatchingWindowSeconds lets a trickle of messages gather into batches. (A plain number:
// a package-level jsii value would start Node.js before main can configure it.)
const extractBatchingWindowSeconds = 5

func output(stack awscdk.Stack, id string, value *string, description string) {
	awscdk.NewCfnOutput(stack, jsii.String(id), &awscdk.CfnOutputProps{
		Value:       value,
		Description: jsii.String(description),
	})
}

// pinLogicalID fixes a stateful resource's logical id so that moving its construct in a
// refactor can never make CloudFormation replace it (and lose its data).
func pinLogicalID(c constructs.IConstruct, logicalID string) {
	c.Node().DefaultChild().(awscdk.CfnResource).OverrideLogicalId(jsii.String(logicalID))
}

func newQueues(stack awscdk.Stack, p NewsQuotesStackProps) (queue, dlq awssqs.Queue) {
	dlq = awssqs.NewQueue(stack, jsii.String("ExtractDeadLetterQueue"), &awssqs.QueueProps{
		RetentionPeriod: awscdk.Duration_Days(jsii.Number(14)),
		Encryption:      awssqs.QueueEncryption_SQS_MANAGED,
		EnforceSSL:      jsii.Bool(true),
	})
	pinLogicalID(dlq, "ExtractDeadLetterQueue")
	// AWS guidance for SQS event sources: visibility timeout at least six times the function
	// timeout plus the batching window, so a throttled or retried batch is not redelivered
	// while still in flight.
	visibility := p.ExtractTimeout.ToSeconds(nil)
	visibility = jsii.Number(*visibility*6 + extractBatchingWindowSeconds)
	queue = awssqs.NewQueue(stack, jsii.String("ExtractQueue"), &awssqs.QueueProps{
		VisibilityTimeout: awscdk.Duration_Seconds(visibility),
		RetentionPeriod:   awscdk.Duration_Days(jsii.Number(4)),
		Encryption:        awssqs.QueueEncryption_SQS_MANAGED,
		EnforceSSL:        jsii.Bool(true),
		DeadLetterQueue: &awssqs.DeadLetterQueue{
			Queue:           dlq,
			MaxReceiveCount: jsii.Number(5),
		},
	})
	pinLogicalID(queue, "ExtractQueue")
	return queue, dlq
}

func newRawHTMLBucket(stack awscdk.Stack, p NewsQuotesStackProps) awss3.Bucket {
	bucket := awss3.NewBucket(stack, jsii.String("RawHtmlBucket"), &awss3.BucketProps{
		Encryption:        awss3.BucketEncryption_S3_MANAGED,
		BlockPublicAccess: awss3.BlockPublicAccess_BLOCK_ALL(),
		EnforceSSL:        jsii.Bool(true),
		ObjectOwnership:   awss3.ObjectOwnership_BUCKET_OWNER_ENFORCED,
		RemovalPolicy:     awscdk.RemovalPolicy_RETAIN,
		LifecycleRules: &[]*awss3.LifecycleRule{{
			Id:                                  jsii.String("raw-html-ageing"),
			AbortIncompleteMultipartUploadAfter: awscdk.Duration_Days(jsii.Number(7)),
			Transitions: &[]*awss3.Transition{
				{StorageClass: awss3.StorageClass_INFREQUENT_ACCESS(), TransitionAfter: awscdk.Duration_Days(jsii.Number(30))},
				{StorageClass: awss3.StorageClass_GLACIER(), TransitionAfter: awscdk.Duration_Days(jsii.Number(90))},
			},
			Expiration: awscdk.Duration_Days(jsii.Number(p.RawHTMLExpiryDays)),
		}},
	})
	pinLogicalID(bucket, "RawHtmlBucket")
	return bucket
}

type functionSpec struct {
	name                string
	description         string
	memoryMB            float64
	timeout             awscdk.Duration
	reservedConcurrency *float64
	retryAttempts       *float64
	env                 map[string]*string
}

var logLevels = map[string]awslambda.ApplicationLogLevel{
	"debug": awslambda.ApplicationLogLevel_DEBUG,
	"info":  awslambda.ApplicationLogLevel_INFO,
	"warn":  awslambda.ApplicationLogLevel_WARN,
	"error": awslambda.ApplicationLogLevel_ERROR,
}

// newGoFunction deploys the prebuilt bootstrap in <AssetDir>/<name>/ on provided.al2023, arm64,
// with JSON logs into its own log group (so retention is set without the LogRetention custom
// resource). Its role may write to that log group only: AWSLambdaBasicExecutionRole would
// allow every log group in the account.
func newGoFunction(stack awscdk.Stack, id string, p NewsQuotesStackProps, spec functionSpec) awslambda.Function {
	level, ok := logLevels[strings.ToLower(p.LogLevel)]
	if !ok {
		panic(fmt.Sprintf("NewsQuotesStack: log level %q: want debug, info, warn or error", p.LogLevel))
	}
	logGroup := awslogs.NewLogGroup(stack, jsii.String(id+"Logs"), &awslogs.LogGroupProps{
		Retention:     p.LogRetention,
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY,
	})
	role := awsiam.NewRole(stack, jsii.String(id+"Role"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		Description: jsii.String("Runs the " + spec.name + " function"),
	})
	logGroup.Grants().Write(role)
	env := map[string]*string{"LOG_LEVEL": jsii.String(strings.ToLower(p.LogLevel))}
	if p.SAMLocal {
		for _, k := range samLocalEnv {
			env[k] = jsii.String("")
		}
	}
	for k, v := range spec.env {
		env[k] = v
	}
	return awslambda.NewFunction(stack, jsii.String(id), &awslambda.FunctionProps{
		Description:                  jsii.String(spec.description),
		Code:                         awslambda.Code_FromAsset(jsii.String(filepath.Join(p.AssetDir, spec.name)), nil),
		Handler:                      jsii.String("bootstrap"),
		Runtime:                      awslambda.Runtime_PROVIDED_AL2023(),
		Architecture:                 awslambda.Architecture_ARM_64(),
		MemorySize:                   jsii.Number(spec.memoryMB),
		Timeout:                      spec.timeout,
		Environment:                  &env,
		LoggingFormat:                awslambda.LoggingFormat_JSON,
		ApplicationLogLevelV2:        level,
		SystemLogLevelV2:             awslambda.SystemLogLevel_WARN,
		LogGroup:                     logGroup,
		Role:                         role,
		ReservedConcurrentExecutions: spec.reservedConcurrency,
		RetryAttempts:                spec.retryAttempts,
	})
}

func newHTTPAPI(stack awscdk.Stack, p NewsQuotesStackProps, handler awslambda.Function) (awsapigatewayv2.HttpApi, awsapigatewayv2.HttpStage) {
	origins := make([]*string, len(p.CorsAllowOrigins))
	for i, o := range p.CorsAllowOrigins {
		origins[i] = jsii.String(o)
	}
	httpAPI := awsapigatewayv2.NewHttpApi(stack, jsii.String("HttpApi"), &awsapigatewayv2.HttpApiProps{
		Description: jsii.String("newsquotes: who said what in the news"),
		CorsPreflight: &awsapigatewayv2.CorsPreflightOptions{
			AllowOrigins: &origins,
			AllowMethods: &[]awsapigatewayv2.CorsHttpMethod{
				awsapigatewayv2.CorsHttpMethod_GET,
				awsapigatewayv2.CorsHttpMethod_POST,
				awsapigatewayv2.CorsHttpMethod_OPTIONS,
			},
			// The X-Amz-* headers carry SigV4 signatures for the IAM-authorized write routes.
			AllowHeaders: jsii.Strings("Content-Type", "Authorization", "X-Amz-Date",
				"X-Amz-Security-Token", "X-Amz-Content-Sha256"),
			MaxAge: awscdk.Duration_Days(jsii.Number(1)),
		},
		// The stage is defined below, to set its throttling and access logs.
		CreateDefaultStage: jsii.Bool(false),
	})
	stage := awsapigatewayv2.NewHttpStage(stack, jsii.String("HttpApiDefaultStage"), &awsapigatewayv2.HttpStageProps{
		HttpApi:    httpAPI,
		StageName:  jsii.String("$default"),
		AutoDeploy: jsii.Bool(true),
		Throttle: &awsapigatewayv2.ThrottleSettings{
			RateLimit:  jsii.Number(p.APIRateLimit),
			BurstLimit: jsii.Number(p.APIBurstLimit),
		},
	})
	accessLogs := awslogs.NewLogGroup(stack, jsii.String("HttpApiAccessLogs"), &awslogs.LogGroupProps{
		Retention:     p.LogRetention,
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY,
	})
	stage.Node().DefaultChild().(awsapigatewayv2.CfnStage).SetAccessLogSettings(&awsapigatewayv2.CfnStage_AccessLogSettingsProperty{
		DestinationArn: accessLogs.LogGroupArn(),
		Format:         jsii.String(accessLogFormat),
	})

	integration := awsapigatewayv2integrations.NewHttpLambdaIntegration(jsii.String("ApiIntegration"), handler,
		&awsapigatewayv2integrations.HttpLambdaIntegrationProps{
			PayloadFormatVersion: awsapigatewayv2.PayloadFormatVersion_VERSION_2_0(),
		})
	iam := awsapigatewayv2authorizers.NewHttpIamAuthorizer()
	for _, r := range apiRoutes {
		opts := &awsapigatewayv2.AddRoutesOptions{
			Path:        jsii.String(r.path),
			Methods:     &[]awsapigatewayv2.HttpMethod{r.method},
			Integration: integration,
		}
		if r.isWrite() {
			opts.Authorizer = iam
		}
		httpAPI.AddRoutes(opts)
	}
	return httpAPI, stage
}

// accessLogFormat is one JSON line per request, the fields an operator needs to trace a
// request to the function's logs.
const accessLogFormat = `{"requestId":"$context.requestId","ip":"$context.identity.sourceIp",` +
	`"requestTime":"$context.requestTime","routeKey":"$context.routeKey","status":"$context.status",` +
	`"responseLength":"$context.responseLength","latency":"$context.responseLatency",` +
	`"integrationError":"$context.integrationErrorMessage","userArn":"$context.identity.userArn"}`

// newAPIWriterPolicy allows calling the write routes, and nothing else. Attach it to the
// principals that may submit articles and sources.
func newAPIWriterPolicy(stack awscdk.Stack, httpAPI awsapigatewayv2.HttpApi) awsiam.ManagedPolicy {
	var resources []*string
	for _, r := range apiRoutes {
		if r.isWrite() {
			resources = append(resources, httpAPI.ArnForExecuteApi(jsii.String(string(r.method)), jsii.String(r.path), jsii.String("*")))
		}
	}
	return awsiam.NewManagedPolicy(stack, jsii.String("ApiWriterPolicy"), &awsiam.ManagedPolicyProps{
		Description: jsii.String("Invoke the newsquotes API's write routes"),
		Statements: &[]awsiam.PolicyStatement{awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings("execute-api:Invoke"),
			Resources: &resources,
		})},
	})
}

type alarmSubjects struct {
	functions map[string]awslambda.Function
	collect   awslambda.Function
	dlq       awssqs.Queue
	httpAPI   awsapigatewayv2.HttpApi
}

// newAlarms wires every alarm to one SNS topic.
func newAlarms(stack awscdk.Stack, p NewsQuotesStackProps, s alarmSubjects) awssns.Topic {
	topic := awssns.NewTopic(stack, jsii.String("AlarmTopic"), &awssns.TopicProps{
		DisplayName: jsii.String("newsquotes " + p.Stage + " alarms"),
		EnforceSSL:  jsii.Bool(true),
	})
	if p.AlarmEmail != "" {
		topic.AddSubscription(awssnssubscriptions.NewEmailSubscription(jsii.String(p.AlarmEmail), nil))
	}
	action := awscloudwatchactions.NewSnsAction(topic)
	alarm := func(id, description string, metric awscloudwatch.IMetric, opts awscloudwatch.AlarmProps) {
		opts.Metric = metric
		opts.AlarmDescription = jsii.String(description)
		if opts.TreatMissingData == "" {
			opts.TreatMissingData = awscloudwatch.TreatMissingData_NOT_BREACHING
		}
		a := awscloudwatch.NewAlarm(stack, jsii.String(id), &opts)
		a.AddAlarmAction(action)
	}
	fiveMinutes := awscdk.Duration_Minutes(jsii.Number(5))
	atLeastOnce := awscloudwatch.AlarmProps{
		Threshold:          jsii.Number(1),
		EvaluationPeriods:  jsii.Number(1),
		ComparisonOperator: awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
	}

	alarm("DeadLetterQueueNotEmpty", "Articles failed extraction repeatedly: inspect, fix, then redrive the DLQ",
		s.dlq.MetricApproximateNumberOfMessagesVisible(&awscloudwatch.MetricOptions{
			Period: fiveMinutes, Statistic: jsii.String("Maximum"),
		}), atLeastOnce)

	for _, name := range functionNames {
		fn := s.functions[name]
		id := strings.ToUpper(name[:1]) + name[1:]
		alarm(id+"Errors", "The "+name+" function failed",
			fn.MetricErrors(&awscloudwatch.MetricOptions{Period: fiveMinutes, Statistic: jsii.String("Sum")}), atLeastOnce)
		alarm(id+"Throttles", "The "+name+" function was throttled",
			fn.MetricThrottles(&awscloudwatch.MetricOptions{Period: fiveMinutes, Statistic: jsii.String("Sum")}), atLeastOnce)
	}

	alarm("ApiServerErrors", "The HTTP API returned 5xx responses",
		s.httpAPI.MetricServerError(&awscloudwatch.MetricOptions{Period: fiveMinutes, Statistic: jsii.String("Sum")}),
		awscloudwatch.AlarmProps{
			Threshold:          jsii.Number(5),
			EvaluationPeriods:  jsii.Number(1),
			ComparisonOperator: awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
		})

	// Metric filters cannot set constant dimensions, so the stage goes into the namespace.
	namespace := metricNamespace + "/" + p.Stage
	// Nothing stored for a day: the metric filter counts articles from each run's summary line.
	// Each hour is one datapoint; an hour without a run is missing and counts as "nothing
	// stored", so the alarm fires when no hour of the last 24 stored an article, whatever the
	// schedule (up to daily).
	s.collect.LogGroup().AddMetricFilter(jsii.String("ArticlesStoredFilter"), &awslogs.MetricFilterOptions{
		FilterPattern:   awslogs.FilterPattern_StringValue(jsii.String("$.msg"), jsii.String("="), jsii.String(collectSummaryMessage)),
		MetricNamespace: jsii.String(namespace),
		MetricName:      jsii.String(articlesStoredMetric),
		MetricValue:     jsii.String("$." + collectSummaryStoredJSON),
		Unit:            awscloudwatch.Unit_COUNT,
	})
	stored := awscloudwatch.NewMetric(&awscloudwatch.MetricProps{
		Namespace:  jsii.String(namespace),
		MetricName: jsii.String(articlesStoredMetric),
		Statistic:  jsii.String("Sum"),
		Period:     awscdk.Duration_Hours(jsii.Number(1)),
	})
	alarm("NothingCollectedForADay", "The collector stored no new article in 24 hours: check the sources and the collector's logs",
		stored, awscloudwatch.AlarmProps{
			Threshold:          jsii.Number(1),
			EvaluationPeriods:  jsii.Number(24),
			DatapointsToAlarm:  jsii.Number(24),
			ComparisonOperator: awscloudwatch.ComparisonOperator_LESS_THAN_THRESHOLD,
			TreatMissingData:   awscloudwatch.TreatMissingData_BREACHING,
		})
	return topic
}
