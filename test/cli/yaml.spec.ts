// The command line's YAML decoder against what Kubernetes' decoder (sigs.k8s.io/yaml over go-yaml
// v2.4.2) made of the same text, recorded by tools/yaml-recorder (provenance in the fixtures file).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { documents } from "../../cli/inputs/documents";
import { DEFAULT_LIMITS, InputError } from "../../cli/limits";

interface Recorded { name: string; yaml: string; documents: { json?: unknown; error?: string }[] }
const fixtures: { provenance: Record<string, string>; cases: Recorded[] } =
    JSON.parse(fs.readFileSync(path.join(__dirname, "../../../test/cli/yaml/fixtures.json"), "utf8"));

/** Where Kubernetes keeps the last of two equal keys, aks-guard refuses the file (SPEC: duplicate keys are refused). */
const EQUAL_KEYS = new Set(["duplicate key", "duplicate key after resolution", "bool as key"]);
/** Line breaks only go-yaml sees are refused, naming the line (SPEC allows refusal). */
const GO_ONLY_BREAK = /\r(?!\n)|\u0085|\u2028|\u2029/;
/** Splitting a stream into documents is kubectl's line-based reader, not YAML's; that is the document layer's, not the decoder's. */
const SPLITTING = new Set(["yaml directive"]);

describe("YAML decoding as Kubernetes decodes (recorded fixtures)", () => {
    it("has at least 80 recorded cases, with their provenance", () => {
        assert.ok(fixtures.cases.length >= 80, String(fixtures.cases.length));
        assert.match(fixtures.provenance["go.yaml.in/yaml/v2"], /v2\.4\.2, commit [0-9a-f]{40}/);
    });
    for (const c of fixtures.cases) {
        if (SPLITTING.has(c.name)) continue;
        it(c.name, () => {
            const decode = () => [...documents(c.yaml, "in.yaml", DEFAULT_LIMITS)].map(d => d.value);
            const breaks = GO_ONLY_BREAK.exec(c.yaml);
            if (breaks) {
                const line = c.yaml.slice(0, breaks.index).split("\n").length;
                assert.throws(decode, (e: Error) => e instanceof InputError && e.message.startsWith(`in.yaml:${line}: a line break`));
                return;
            }
            const errors = c.documents.filter(d => d.error !== undefined);
            const duplicated = EQUAL_KEYS.has(c.name);
            if (errors.length || duplicated) {
                assert.throws(decode, (e: Error) => e instanceof InputError && (duplicated ? / duplicate key/ : / malformed YAML: /).test(e.message));
                return;
            }
            // Empty documents decode to null in Go and are skipped here (counting them is the document layer's).
            const expected = c.documents.map(d => d.json).filter(v => v !== null && v !== undefined);
            assert.deepStrictEqual(decode(), expected);
        });
    }
});
