package httpapi

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambdacontext"
)

// Lambda adapts an http.Handler to API Gateway HTTP API events (payload
// format 2.0), so the Lambda and `quotes serve` run the same handler.
func Lambda(h http.Handler) func(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	return func(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
		if lc, ok := lambdacontext.FromContext(ctx); ok {
			ctx = WithRequestID(ctx, lc.AwsRequestID)
		}
		req, err := Request(ctx, ev)
		if err != nil {
			return events.APIGatewayV2HTTPResponse{
				StatusCode: http.StatusBadRequest,
				Headers:    map[string]string{"Content-Type": "application/json; charset=utf-8"},
				Body:       `{"error":{"code":"invalid","message":"malformed request"}}`,
			}, nil
		}
		rec := &responseRecorder{header: http.Header{}}
		h.ServeHTTP(rec, req)
		return rec.response(), nil
	}
}

// Request builds the http.Request an API Gateway event describes.
func Request(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (*http.Request, error) {
	method := ev.RequestContext.HTTP.Method
	if method == "" {
		method = http.MethodGet
	}
	path := ev.RawPath
	if path == "" {
		path = ev.RequestContext.HTTP.Path
	}
	u := &url.URL{Path: path, RawQuery: ev.RawQueryString}
	if p, err := url.PathUnescape(path); err == nil {
		u.Path, u.RawPath = p, path
	}
	body := []byte(ev.Body)
	if ev.IsBase64Encoded {
		b, err := base64.StdEncoding.DecodeString(ev.Body)
		if err != nil {
			return nil, fmt.Errorf("decode base64 body: %w", err)
		}
		body = b
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("build request: %w", err)
	}
	req.URL = u
	req.RequestURI = u.RequestURI()
	for k, v := range ev.Headers {
		req.Header.Set(k, v)
	}
	if len(ev.Cookies) > 0 {
		req.Header.Set("Cookie", strings.Join(ev.Cookies, "; "))
	}
	req.Host = ev.RequestContext.DomainName
	req.RemoteAddr = ev.RequestContext.HTTP.SourceIP
	return req, nil
}

// responseRecorder collects a handler's response for the Lambda reply.
type responseRecorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *responseRecorder) Header() http.Header { return r.header }
func (r *responseRecorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}
func (r *responseRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}

func (r *responseRecorder) response() events.APIGatewayV2HTTPResponse {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	headers := make(map[string]string, len(r.header))
	var multi map[string][]string
	for k, vs := range r.header {
		if len(vs) == 1 {
			headers[k] = vs[0]
			continue
		}
		if multi == nil {
			multi = map[string][]string{}
		}
		multi[k] = vs
	}
	return events.APIGatewayV2HTTPResponse{
		StatusCode:        r.status,
		Headers:           headers,
		MultiValueHeaders: multi,
		Body:              r.body.String(),
	}
}
