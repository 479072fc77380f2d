// A composed YAML document → the value Kubernetes would see. kubectl and the API server decode
// with sigs.k8s.io/yaml over go-yaml v2 (YAML 1.1); the `yaml` package composes YAML 1.2. So the
// document is composed with the failsafe schema (every scalar kept as its source text) and
// resolved here by go-yaml v2.4.2's rules (resolve.go `resolve`, decode.go `scalar`, `mapping`,
// `merge`), as stated in docs/yaml-decoding.md and checked against test/cli/yaml/fixtures.json.
import { Document, isAlias, isMap, isScalar, isSeq, Node, Scalar, YAMLMap } from "yaml";

const TAG = "tag:yaml.org,2002:";

/** A decoding failure at a node; the caller names the file and line. */
export class YamlDecodeError extends Error {
    constructor(message: string, readonly offset: number | undefined) { super(message); }
}

/** Raw line breaks that go-yaml sees and the `yaml` package does not (scannerc.go is_break: CR, NEL, LS, PS). */
const GO_ONLY_BREAK = /\r(?!\n)|\u0085|\u2028|\u2029/;

/** Offset of the first line break only Go would see, if any. */
export function goOnlyBreak(text: string): number | undefined {
    const m = GO_ONLY_BREAK.exec(text);
    return m ? m.index : undefined;
}

// resolve.go resolveMap: the plain scalars resolved by table.
const TABLE = new Map<string, unknown>();
for (const s of ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]) TABLE.set(s, true);
for (const s of ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]) TABLE.set(s, false);
for (const s of ["", "~", "null", "Null", "NULL"]) TABLE.set(s, null);
for (const s of [".nan", ".NaN", ".NAN"]) TABLE.set(s, NaN);
for (const s of [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"]) TABLE.set(s, Infinity);
for (const s of ["-.inf", "-.Inf", "-.INF"]) TABLE.set(s, -Infinity);

/** resolve.go yamlStyleFloat. */
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** What strconv.ParseFloat accepts of a text starting with '.' (no underscores without a base prefix). */
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
/** strconv.ParseInt/ParseUint with base 0: optional sign, 0x/0o/0b prefixes (either case), a leading 0 is octal. */
const GO_INT = /^([+-]?)(?:0[xX]([0-9a-fA-F]+)|0[bB]([01]+)|0[oO]([0-7]+)|(0[0-7]*)|([1-9][0-9]*))$/;
const INT64_MIN = -(2n ** 63n), INT64_MAX = 2n ** 63n - 1n, UINT64_MAX = 2n ** 64n - 1n;

type Resolved = { tag: "bool" | "null" | "int" | "float" | "str" | "timestamp"; value: unknown };

function goInt(plain: string): number | undefined {
    const m = GO_INT.exec(plain);
    if (!m) return undefined;
    const [, sign, hex, bin, oct, leading0, dec] = m;
    const digits = hex !== undefined ? `0x${hex}` : bin !== undefined ? `0b${bin}` : oct !== undefined ? `0o${oct}` : leading0 !== undefined ? `0o${leading0.slice(1) || "0"}` : dec;
    const n = sign === "-" ? -BigInt(digits) : BigInt(digits);
    if (n >= INT64_MIN && n <= INT64_MAX) return Number(n) || 0; // (never -0: Go's int has none)
    if (sign === "" && n <= UINT64_MAX) return Number(n); // ParseUint takes no sign
    return undefined;
}

/** resolve.go `resolve` for an untagged plain scalar, or one tagged with a resolvable tag. */
function resolvePlain(s: string): Resolved {
    if (TABLE.has(s)) {
        const value = TABLE.get(s);
        return { tag: value === null ? "null" : typeof value === "boolean" ? "bool" : "float", value };
    }
    const c = s[0];
    if (c === ".") {
        if (DOT_FLOAT.test(s) && Number.isFinite(Number(s))) return { tag: "float", value: Number(s) };
    } else if (c === "+" || c === "-" || (c >= "0" && c <= "9")) {
        // (A timestamp resolves as such, but decoding into interface{} keeps its text: decode.go `scalar`.)
        if (TIMESTAMP.test(s)) return { tag: "timestamp", value: s };
        const plain = s.replace(/_/g, "");
        const int = goInt(plain);
        if (int !== undefined) return { tag: "int", value: int };
        if (YAML_FLOAT.test(plain) && Number.isFinite(Number(plain))) return { tag: "float", value: Number(plain) || (plain.startsWith("-") ? -0 : 0) };
    }
    return { tag: "str", value: s };
}

/** resolve.go parseTimestamp's formats (four-digit year, then '-'), date only or with a time. */
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]| )[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]{1,9})?(?:Z|[+-][0-9]{2}:[0-9]{2})?)?$/;

const RESOLVABLE = new Set(["str", "bool", "int", "float", "null", "timestamp"]);

/** decode.go `scalar`: the value of a scalar node as an interface{}. */
function scalarValue(node: Scalar): unknown {
    const source = String(node.source ?? node.value ?? "");
    const tag = node.tag;
    const at = node.range?.[0];
    if (!tag || tag === "!") {
        if (tag === "!" || node.type !== Scalar.PLAIN) return source; // quoted and block scalars are strings
        return finite(resolvePlain(source).value, source, at);
    }
    const short = tag.startsWith(TAG) ? tag.slice(TAG.length) : undefined;
    if (short === "binary") return binary(source, at);
    if (short === undefined || !RESOLVABLE.has(short)) return source; // custom tags keep the text
    if (short === "str") return source;
    const r = resolvePlain(source);
    if (r.tag === short) return r.tag === "timestamp" ? source : finite(r.value, source, at);
    if (short === "float" && r.tag === "int") return r.value;
    throw new YamlDecodeError(`cannot decode !!${r.tag} \`${source}\` as a !!${short}`, at);
}

/** sigs.k8s.io/yaml's JSON has no NaN or infinity: Kubernetes refuses the document. */
function finite(value: unknown, source: string, at: number | undefined): unknown {
    if (typeof value === "number" && !Number.isFinite(value)) throw new YamlDecodeError(`\`${source}\` decodes to ${value}, which JSON cannot carry (Kubernetes refuses it)`, at);
    return value;
}

/** Go's base64.StdEncoding.DecodeString (padding required; CR and LF ignored), as a string of its bytes. */
function binary(source: string, at: number | undefined): string {
    const b64 = source.replace(/[\r\n]/g, "");
    if (b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(b64)) {
        throw new YamlDecodeError("!!binary value contains invalid base64 data", at);
    }
    return Buffer.from(b64, "base64").toString("utf8");
}

/** decode.go isMerge: a plain untagged `<<`, or `<<` tagged !!merge. */
const isMerge = (key: unknown) => isScalar(key) && key.source === "<<" && (key.tag === undefined ? key.type === Scalar.PLAIN : key.tag === `${TAG}merge`);

/** Converts one composed document with go-yaml's semantics; `budget` bounds the nodes visited (aliases re-expand). */
export function decodeDocument(doc: Document, budget: number): unknown {
    const expanding = new Set<Node>();
    const limit = budget;
    const target = (node: unknown): unknown => {
        if (!isAlias(node)) return node;
        const t = node.resolve(doc);
        if (!t) throw new YamlDecodeError(`unknown anchor '${node.source}' referenced`, node.range?.[0]);
        return t;
    };
    const keyOf = (node: unknown): string => {
        const k = target(node);
        const at = (node as Node | null)?.range?.[0];
        if (isMap(k) || isSeq(k)) throw new YamlDecodeError("invalid map key: a mapping or sequence", at);
        const v = isScalar(k) ? scalarValue(k) : null;
        if (v === null) throw new YamlDecodeError("unsupported map key: null", at);
        return String(v);
    };
    const mapping = (node: YAMLMap, out: Record<string, unknown>) => {
        const seen = new Set<string>();
        for (const pair of node.items) {
            if (isMerge(pair.key)) { merge(pair.value, out); continue; }
            const key = keyOf(pair.key);
            if (seen.has(key)) throw new YamlDecodeError(`duplicate key "${key}" in one mapping`, (pair.key as Node | null)?.range?.[0]);
            seen.add(key);
            const value = convert(pair.value);
            if (key === "__proto__") Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
            else out[key] = value;
        }
    };
    // decode.go merge: into the same map, later entries overwriting; a sequence from its end, so earlier ones win.
    const merge = (value: unknown, out: Record<string, unknown>) => {
        const wantMap = () => new YamlDecodeError("map merge requires map or sequence of maps as the value", (value as Node | null)?.range?.[0]);
        const v = target(value);
        if (isMap(v)) return within(v, () => mapping(v, out));
        if (!isSeq(v) || isAlias(value)) throw wantMap();
        for (let i = v.items.length - 1; i >= 0; i--) {
            const m = target(v.items[i]);
            if (!isMap(m)) throw wantMap();
            within(m, () => mapping(m, out));
        }
    };
    const within = <T>(node: Node, f: () => T): T => {
        if (expanding.has(node)) throw new YamlDecodeError("anchor value contains itself", node.range?.[0]);
        if (--budget < 0) throw new YamlDecodeError(`Excessive alias count (its aliases expand to more than ${limit} nodes)`, undefined);
        expanding.add(node);
        try { return f(); } finally { expanding.delete(node); }
    };
    const convert = (node: unknown): unknown => {
        const n = target(node);
        if (n === null || n === undefined) return null;
        if (isScalar(n)) { budget--; return scalarValue(n); }
        if (isMap(n)) return within(n, () => { const out: Record<string, unknown> = {}; mapping(n, out); return out; });
        if (isSeq(n)) return within(n, () => n.items.map(convert));
        return null;
    };
    return convert(doc.contents);
}
