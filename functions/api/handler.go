package main

import (
	"context"
	"net/http"

	"github.com/aws/aws-lambda-go/events"

	"github.com/newsquotes/newsquotes/internal/httpapi"
)

// handler translates API Gateway HTTP API events to the shared HTTP
// handler, which `quotes serve` also runs.
func handler(api http.Handler) func(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	return httpapi.Lambda(api)
}
