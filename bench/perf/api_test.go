package perf

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/newsquotes/newsquotes/bench/internal/apiload"
	"github.com/newsquotes/newsquotes/bench/report"
	"github.com/newsquotes/newsquotes/internal/store/dynamotest"
)

func TestSection5API(t *testing.T) {
	const (
		pages      = 200
		perQuery   = 200 // sequential requests per query kind
		loadTime   = 10 * time.Second
		maxRequest = 200_000
	)
	sec, done := section(t, 5, "HTTP API over DynamoDB Local",
		fmt.Sprintf("The real handler (internal/httpapi over internal/store) on 127.0.0.1, over a table seeded by the real collector and extractor "+
			"with %d articles of the loopback news site. First each query kind alone, one client, %d requests; then the mix from 8 and 32 "+
			"concurrent clients for a bounded %s each. The yardstick is one raw DynamoDB GetItem round trip to the same DynamoDB Local, "+
			"measured in the same run: DynamoDB Local (a JVM on the same 2 cores) dominates these figures, so the ratios say how many "+
			"round trips' worth each query costs, which carries over to AWS; the absolute times do not.", pages, perQuery, loadTime))
	defer done()
	stack := apiload.Start(t, pages)
	local := dynamotest.Start(t)
	ctx := context.Background()

	// Yardstick: raw GetItem round trips.
	table := local.CreateTable(t)
	var raw []float64
	for range perQuery {
		t0 := time.Now()
		_, err := local.Client.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: map[string]types.AttributeValue{
			"PK": &types.AttributeValueMemberS{Value: "ART#none"}, "SK": &types.AttributeValueMemberS{Value: "A"}}})
		if err != nil {
			t.Fatal(err)
		}
		raw = append(raw, ms(time.Since(t0)))
	}
	raw50 := report.Percentile(raw, 50)

	tq := &report.Table{
		Title:  fmt.Sprintf("Each query alone (1 client, %d requests)", perQuery),
		Header: []string{"query", "p50 ms", "p99 ms", "req/s", "p50 in GetItem round trips", "non-200"},
	}
	tq.AddRow("raw DynamoDB GetItem (yardstick)", fmt.Sprintf("%.2f", raw50), fmt.Sprintf("%.2f", report.Percentile(raw, 99)),
		fmt.Sprintf("%.0f", 1000/mean(raw)), "1.00x", "-")
	for _, q := range stack.Queries {
		res := apiload.Run(ctx, stack.URL, []apiload.Query{q}, 1, 5*time.Minute, perQuery)
		l := res.Latencies[q.Name]
		non200 := res.Requests - res.Status[200] + res.Errors
		tq.AddRow(q.Name, fmt.Sprintf("%.2f", report.Percentile(l, 50)), fmt.Sprintf("%.2f", report.Percentile(l, 99)),
			fmt.Sprintf("%.0f", float64(len(l))/res.Duration.Seconds()), report.Ratio(report.Percentile(l, 50), raw50), non200)
	}
	tl := &report.Table{
		Title:  fmt.Sprintf("The mix under concurrent clients (%s each)", loadTime),
		Header: []string{"clients", "requests", "req/s", "vs 1 client", "p50 ms", "p99 ms", "5xx", "transport errors"},
	}
	var base float64
	for _, clients := range []int{1, 8, 32} {
		res := apiload.Run(ctx, stack.URL, stack.Queries, clients, loadTime, maxRequest)
		var all []float64
		for _, l := range res.Latencies {
			all = append(all, l...)
		}
		slices.Sort(all)
		rps := float64(res.Requests) / res.Duration.Seconds()
		if clients == 1 {
			base = rps
		}
		fivexx := 0
		for code, n := range res.Status {
			if code >= 500 {
				fivexx += n
			}
		}
		tl.AddRow(clients, res.Requests, fmt.Sprintf("%.0f", rps), report.Ratio(rps, base), fmt.Sprintf("%.2f", report.Percentile(all, 50)),
			fmt.Sprintf("%.2f", report.Percentile(all, 99)), fivexx, res.Errors)
	}
	sec.Tables = append(sec.Tables, tq, tl)
}
