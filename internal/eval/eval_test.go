package eval

import (
	"io"
	"slices"
	"testing"
)

func TestRunSelectsOnlyTheNamedSuites(t *testing.T) {
	saved := suites
	t.Cleanup(func() { suites = saved })
	var ran []string
	suites = nil
	for i, name := range []string{"a", "b", "c"} {
		Register(Suite{Name: name, Order: i, Run: func(Config) ([]Metric, error) {
			ran = append(ran, name)
			return []Metric{{Name: "m", Value: 1, Floor: 0.5}}, nil
		}})
	}
	if _, err := Run(Config{}, io.Discard, "a", "c"); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ran, []string{"a", "c"}) {
		t.Errorf("ran %v, want [a c]", ran)
	}
	ran = nil
	if _, err := Run(Config{}, io.Discard); err != nil || len(ran) != 3 {
		t.Errorf("no names: ran %v (err %v), want all three", ran, err)
	}
	if _, err := Run(Config{}, io.Discard, "nope"); err == nil {
		t.Error("an unknown suite name gave no error")
	}
}

func TestMetricFloor(t *testing.T) {
	if !(Metric{Value: 0.9, Floor: 0.9}).Pass() || (Metric{Value: 0.89, Floor: 0.9}).Pass() {
		t.Error("a metric passes exactly at its floor and fails below it")
	}
	if !ReportOnly("x", 0, "", "").Pass() {
		t.Error("a report-only metric never fails")
	}
	if !(Result{Metrics: []Metric{{Value: 0, Floor: 1}}}).Failed() {
		t.Error("a result with a metric below its floor has failed")
	}
}
