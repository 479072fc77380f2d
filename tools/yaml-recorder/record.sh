#!/bin/sh
# Rebuilds the recorder and rewrites test/cli/yaml/fixtures.json (see README.md). Needs the Go
# toolchain (apt-get install golang-go) and the two fetched source trees; no module proxy.
#   GO_YAML=<checkout of github.com/yaml/go-yaml at v2.4.2>  SIGS_YAML=<checkout of kubernetes-sigs/yaml>
set -eu
here=$(cd "$(dirname "$0")" && pwd)
gopath=$(mktemp -d)
mkdir -p "$gopath/src/go.yaml.in/yaml/v2" "$gopath/src/sigs.k8s.io/yaml" "$gopath/src/recorder"
cp "$GO_YAML"/*.go "$gopath/src/go.yaml.in/yaml/v2/" && rm -f "$gopath/src/go.yaml.in/yaml/v2/"*_test.go
cp "$SIGS_YAML/yaml.go" "$SIGS_YAML/fields.go" "$gopath/src/sigs.k8s.io/yaml/"
cp "$here/main.go" "$gopath/src/recorder/"
(cd "$gopath/src/recorder" && GOPATH="$gopath" GO111MODULE=off go build -o "$gopath/recorder" .)
node "$here/inputs.js" | "$gopath/recorder" | node -e '
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {
  provenance: {
    recorder: "tools/yaml-recorder/main.go, built with GO111MODULE=off and " + process.argv[1],
    "go.yaml.in/yaml/v2": "github.com/yaml/go-yaml tag v2.4.2, commit " + process.argv[2],
    "sigs.k8s.io/yaml": "github.com/kubernetes-sigs/yaml commit " + process.argv[3] + " (yaml.go, fields.go)",
    documents: "split as kubectl splits a stream: at lines starting with --- followed by blanks or a comment",
  },
  cases,
};
process.stdout.write(JSON.stringify(out, null, 2) + "\n");
' "$(go version)" "$(git -C "$GO_YAML" rev-parse HEAD 2>/dev/null || echo "$GO_YAML_COMMIT")" "$(git -C "$SIGS_YAML" rev-parse HEAD 2>/dev/null || echo "$SIGS_YAML_COMMIT")" > "$here/../../test/cli/yaml/fixtures.json"
rm -rf "$gopath"
