package main

import (
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestRoutesMatchOpenAPI keeps the deployed routes in step with ../openapi.yaml, which
// internal/httpapi's tests keep in step with the handler: every operation has a route, nothing
// else is routed, and an operation needs IAM authorization exactly when the spec gives it the
// sigv4 security requirement.
func TestRoutesMatchOpenAPI(t *testing.T) {
	data, err := os.ReadFile("../openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Paths map[string]map[string]struct {
			Security []map[string][]string `yaml:"security"`
		} `yaml:"paths"`
	}
	if err := yaml.Unmarshal(data, &spec); err != nil {
		t.Fatalf("openapi.yaml: %v", err)
	}
	want := map[string]string{}
	for path, ops := range spec.Paths {
		for method, op := range ops {
			switch method {
			case "get", "post", "put", "patch", "delete":
			default:
				continue // parameters, summary, ...
			}
			auth := "NONE"
			for _, req := range op.Security {
				if _, ok := req["sigv4"]; ok {
					auth = "AWS_IAM"
				}
			}
			want[strings.ToUpper(method)+" "+path] = auth
		}
	}
	if len(want) == 0 {
		t.Fatal("openapi.yaml lists no operations")
	}

	got := map[string]string{}
	for _, r := range tmpl.resources("AWS::ApiGatewayV2::Route") {
		p := props(r)
		got[p["RouteKey"].(string)] = p["AuthorizationType"].(string)
	}
	for key, auth := range want {
		if g, ok := got[key]; !ok {
			t.Errorf("%s is in openapi.yaml but not routed", key)
		} else if g != auth {
			t.Errorf("%s: authorization %s, openapi.yaml says %s", key, g, auth)
		}
	}
	for key := range got {
		if _, ok := want[key]; !ok {
			t.Errorf("%s is routed but not in openapi.yaml", key)
		}
	}
}
