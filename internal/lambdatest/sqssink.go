package lambdatest

import (
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// SQSSink is a loopback endpoint that accepts SendMessageBatch and
// SendMessage calls of the SQS JSON protocol and records the message
// bodies. No SQS emulator is available here, so the collector's real SQS
// adapter is pointed at this sink (AWS_ENDPOINT_URL_SQS) and the test
// builds the extractor's SQS event from what it recorded.
type SQSSink struct {
	URL string

	mu     sync.Mutex
	bodies []string
	seq    int
}

// StartSQSSink starts a sink, stopped at the end of the test.
func StartSQSSink(tb testing.TB) *SQSSink {
	tb.Helper()
	s := &SQSSink{}
	srv := httptest.NewServer(http.HandlerFunc(s.serve))
	tb.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

// QueueURL is a queue URL on the sink.
func (s *SQSSink) QueueURL() string { return s.URL + "/000000000000/newsquotes-extract" }

// Bodies returns the message bodies received so far, in order.
func (s *SQSSink) Bodies() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.bodies...)
}

// Reset forgets the bodies received.
func (s *SQSSink) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bodies = nil
}

type batchEntry struct {
	ID          string `json:"Id"`
	MessageBody string `json:"MessageBody"`
}

func (s *SQSSink) serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	switch r.Header.Get("X-Amz-Target") {
	case "AmazonSQS.SendMessageBatch":
		var in struct {
			QueueURL string       `json:"QueueUrl"`
			Entries  []batchEntry `json:"Entries"`
		}
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil || len(in.Entries) == 0 || len(in.Entries) > 10 {
			sqsError(w, "InvalidParameterValue", fmt.Sprintf("bad batch (%d entries, %v)", len(in.Entries), err))
			return
		}
		type ok struct {
			ID               string `json:"Id"`
			MessageID        string `json:"MessageId"`
			MD5OfMessageBody string `json:"MD5OfMessageBody"`
		}
		out := struct {
			Successful []ok  `json:"Successful"`
			Failed     []any `json:"Failed"`
		}{Failed: []any{}}
		for _, e := range in.Entries {
			out.Successful = append(out.Successful, ok{ID: e.ID, MessageID: s.record(e.MessageBody), MD5OfMessageBody: md5Hex(e.MessageBody)})
		}
		_ = json.NewEncoder(w).Encode(out)
	case "AmazonSQS.SendMessage":
		var in struct {
			MessageBody string `json:"MessageBody"`
		}
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			sqsError(w, "InvalidParameterValue", err.Error())
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]string{"MessageId": s.record(in.MessageBody), "MD5OfMessageBody": md5Hex(in.MessageBody)})
	default:
		sqsError(w, "UnsupportedOperation", "the test sink only accepts SendMessage and SendMessageBatch")
	}
}

func (s *SQSSink) record(body string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	s.bodies = append(s.bodies, body)
	return fmt.Sprintf("00000000-0000-4000-8000-%012d", s.seq)
}

func sqsError(w http.ResponseWriter, code, msg string) {
	w.WriteHeader(http.StatusBadRequest)
	_ = json.NewEncoder(w).Encode(map[string]string{"__type": "com.amazonaws.sqs#" + code, "message": msg})
}

func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}
