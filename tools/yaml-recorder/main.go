// Records what Kubernetes' YAML decoder makes of each input: reads a JSON array of
// {"name", "yaml"} on stdin and prints, per input, the documents as sigs.k8s.io/yaml's
// YAMLToJSON decodes them (or its error). Built in GOPATH mode from fetched sources (README.md).
package main

import (
	"bytes"
	"encoding/json"
	"os"

	sigsyaml "sigs.k8s.io/yaml"
)

type input struct {
	Name string `json:"name"`
	YAML string `json:"yaml"`
}

type result struct {
	JSON  json.RawMessage `json:"json,omitempty"`
	Error string          `json:"error,omitempty"`
}

// split cuts a stream at lines that start with "---" followed only by blanks or a comment, as
// kubectl's document reader (k8s.io/apimachinery/pkg/util/yaml YAMLReader) does; lines end at "\n".
func split(text string) []string {
	var docs []string
	var cur bytes.Buffer
	for _, line := range bytes.SplitAfter([]byte(text), []byte("\n")) {
		if bytes.HasPrefix(line, []byte("---")) {
			rest := bytes.TrimSpace(line[3:])
			if len(rest) == 0 || rest[0] == '#' {
				docs = append(docs, cur.String())
				cur.Reset()
				continue
			}
		}
		cur.Write(line)
	}
	return append(docs, cur.String())
}

func main() {
	var inputs []input
	if err := json.NewDecoder(os.Stdin).Decode(&inputs); err != nil {
		panic(err)
	}
	out := make([]map[string]interface{}, 0, len(inputs))
	for _, in := range inputs {
		var docs []result
		for _, doc := range split(in.YAML) {
			j, err := sigsyaml.YAMLToJSON([]byte(doc))
			if err != nil {
				docs = append(docs, result{Error: err.Error()})
			} else {
				docs = append(docs, result{JSON: j})
			}
		}
		out = append(out, map[string]interface{}{"name": in.Name, "yaml": in.YAML, "documents": docs})
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	enc.Encode(out)
}
