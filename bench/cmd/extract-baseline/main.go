// Command extract-baseline reads the pages and extracts nothing: the floor
// under the other extractors' time and peak RSS.
package main

import "github.com/newsquotes/newsquotes/bench/internal/pagerun"

func main() {
	pagerun.Main(func([]byte, string) (string, error) { return "", nil })
}
