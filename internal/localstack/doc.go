// Package localstack runs the whole system on a laptop, as `make run` does:
// DynamoDB Local, a demo news site on loopback (or real feeds), one
// collection and extraction with the same use cases the Lambdas run, and
// the HTTP API on localhost with the same handler.
package localstack
