// Text → documents with line numbers. YAML is composed one document at a time (a stream of many
// manifests never holds every syntax tree at once); JSON goes through JSON.parse after a scan
// that checks the nesting bound and notes the line where each object of the top levels starts.
import { Composer, CST, isMap, isScalar, isSeq, LineCounter, parseDocument, Parser } from "yaml";
import { InputError, Limits, measure } from "../limits";
import { decodeDocument, goOnlyBreak, YamlDecodeError } from "./yaml";

type CstToken = CST.Token;

export type Path = readonly (string | number)[];

export interface Doc {
    value: unknown;
    /** 1-based line where the document starts. */
    line: number;
    /** Line where the object at `path` (inside this document) starts, where known. */
    lineOf(path: Path): number | undefined;
}

const looksLikeJson = (text: string) => /^\s*[[{]/.test(text);

/**
 * The documents of one file (JSON or YAML, detected from the content). Text that looks like JSON
 * but is not (YAML flow style `{apiVersion: v1, ...}`, JSON documents separated by `---`) is read
 * as YAML, which JSON is a subset of; the JSON error is reported only if YAML fails too.
 */
export function* documents(text: string, file: string, limits: Limits): Generator<Doc> {
    if (!looksLikeJson(text)) return yield* yamlDocuments(text, file, limits);
    const json = jsonDocument(text, file, limits);
    if (!(json instanceof InputError)) return yield json;
    try {
        yield* yamlDocuments(text, file, limits);
    } catch (e) {
        if (e instanceof InputError && / malformed YAML: /.test(e.message)) throw json;
        throw e;
    }
}

function* yamlDocuments(text: string, file: string, limits: Limits): Generator<Doc> {
    const lc = new LineCounter();
    const lineAt = (offset: number) => lc.linePos(offset).line;
    // A raw CR, NEL, LS or PS ends a line for go-yaml (hiding what follows a comment) and not for
    // the `yaml` package: the file is refused rather than read two ways.
    const brk = goOnlyBreak(text);
    if (brk !== undefined) {
        lc.addNewLine(0);
        for (let i = text.indexOf("\n"); i >= 0 && i < brk; i = text.indexOf("\n", i + 1)) lc.addNewLine(i + 1);
        throw new InputError(`${file}:${lineAt(brk)}: a line break that Kubernetes' YAML decoder sees and other readers do not ` +
            `(a carriage return alone, U+0085, U+2028 or U+2029); write line breaks as \\n`);
    }
    // Failsafe: every scalar stays text, resolved by go-yaml v2's rules in ./yaml (duplicate keys
    // are refused there too, in linear time).
    const composer = new Composer({ prettyErrors: false, uniqueKeys: false, schema: "failsafe" });
    const parser = new Parser(lc.addNewLine);
    // Token by token, so that a document's nesting is measured on its syntax tokens (without
    // recursion) before the composer, which recurses, sees it.
    function* composed() {
        for (const token of parser.parse(text)) {
            if (token.type === "document") {
                const deep = tooDeepAt(token.value, limits.maxDepth);
                if (deep !== undefined) {
                    throw new InputError(`${file}:${lineAt(deep)}: nested deeper than the ${limits.maxDepth}-level limit here ` +
                        `(in the document starting at line ${lineAt(token.offset)}; raise the limit with --max-depth N)`);
                }
            }
            yield* composer.next(token);
        }
        yield* composer.end();
    }
    const docs = composed();
    while (true) {
        let next;
        try {
            next = docs.next();
        } catch (e) {
            throw tooDeep(e, file, limits);
        }
        if (next.done) return;
        const doc = next.value;
        const err = doc.errors[0];
        if (err) {
            if (/call stack/i.test(err.message)) throw tooDeep(new RangeError(), `${file}:${lineAt(err.pos[0])}`, limits);
            throw new InputError(`${file}:${lineAt(err.pos[0])}: malformed YAML: ${err.message.split("\n")[0]}`);
        }
        if (doc.contents === null) continue;
        const start = doc.contents.range?.[0] ?? doc.range[0];
        const line = lineAt(start);
        let value: unknown;
        try {
            value = decodeDocument(doc, 2 * text.length + 100_000);
        } catch (e: any) {
            if (e instanceof RangeError) throw tooDeep(e, `${file}:${line}`, limits);
            if (e instanceof YamlDecodeError) {
                const at = e.offset === undefined ? line : lineAt(e.offset);
                throw new InputError(/^duplicate key/.test(e.message) ? `${file}:${at}: ${e.message}` : `${file}:${at}: malformed YAML: ${e.message}`);
            }
            throw new InputError(`${file}:${line}: malformed YAML: ${e.message}`);
        }
        if (value === null || value === undefined) continue; // an empty document (`---` alone, comments only)
        // (Aliases can nest deeper than the text: measured again on the value, which also flattens its strings.)
        if (measure(value, limits.maxDepth).depth > limits.maxDepth) {
            throw new InputError(`${file}:${line}: nested deeper than the ${limits.maxDepth}-level limit once its aliases are expanded (raise the limit with --max-depth N)`);
        }
        // Lines taken now, from the syntax tree, which is then dropped: a Doc holds numbers only.
        const lines = yamlLines(doc.contents, lineAt);
        yield { value, line, lineOf: path => lineIn(lines, path) };
    }
}

/** Offset of the first collection nested deeper than `max` in a CST token, if any (an explicit stack, no recursion). */
function tooDeepAt(root: CstToken | undefined, max: number): number | undefined {
    const stack: [CstToken | undefined, number][] = [[root, 0]];
    while (stack.length) {
        const [t, d] = stack.pop()!;
        if (!t || !("items" in t)) continue;
        if (d + 1 > max) return t.offset;
        for (const item of t.items as { key?: CstToken | null; value?: CstToken }[]) {
            if (item.key) stack.push([item.key, d + 1]);
            if (item.value) stack.push([item.value, d + 1]);
        }
    }
    return undefined;
}

/** Start lines of the nodes of a YAML document's top levels (and ARM resources at any depth), keyed by path. */
function yamlLines(root: unknown, lineAt: (offset: number) => number): Map<string, number> {
    const lines = new Map<string, number>();
    const stack: [unknown, string[]][] = [[root, []]];
    while (stack.length) {
        const [node, path] = stack.pop()!;
        const range = (node as { range?: [number, number, number] } | null)?.range;
        if (range) lines.set(path.join("\u0000"), lineAt(range[0]));
        if (isMap(node)) {
            for (const pair of node.items) {
                const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
                if (key !== undefined && remembered(path, key)) stack.push([pair.value, [...path, key]]);
            }
        } else if (isSeq(node)) {
            node.items.forEach((item, i) => { if (remembered(path, String(i))) stack.push([item, [...path, String(i)]]); });
        }
    }
    return lines;
}

/** The line of the object at `path`, else of its nearest remembered ancestor. */
function lineIn(lines: Map<string, number>, path: Path): number | undefined {
    for (let n = path.length; n >= 0; n--) {
        const line = lines.get(path.slice(0, n).join("\u0000"));
        if (line !== undefined) return line;
    }
    return undefined;
}

function tooDeep(e: unknown, where: string, limits: Limits): Error {
    if (e instanceof RangeError) return new InputError(`${where}: nested too deeply for the parser (more levels than it can follow; the limit is ${limits.maxDepth}, --max-depth N)`);
    return e instanceof InputError ? e : new InputError(`${where}: malformed YAML: ${(e as Error).message}`);
}

/** Depth of object starts to remember lines for: `items[i]`, `resources[i]`, `deployment.resources[i]`, `resources[i].resources[j]`. */
const REMEMBERED_DEPTH = 4;
/** Keys along which lines are remembered at any depth: ARM templates nest resources in deployments' templates. */
const STRUCTURAL = new Set(["resources", "properties", "template", "items"]);
/** Is the line of `[...parent, key]` remembered? */
const remembered = (parent: readonly string[], key: string) => parent.length < REMEMBERED_DEPTH || STRUCTURAL.has(key) || /^\d+$/.test(key) && STRUCTURAL.has(parent[parent.length - 1]);

/** The one JSON document of `text`, or the syntax error (as an InputError to throw) if it is not JSON. */
function jsonDocument(text: string, file: string, limits: Limits): Doc | InputError {
    const lines = scanJson(text, file, limits);
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (e: any) {
        return new InputError(`${file}${jsonErrorLine(text, e.message)}: malformed JSON: ${e.message.replace(/ in JSON at position \d+.*$|, "[\s\S]*$|, \.\.\.[\s\S]*$/, "")}`);
    }
    return { value, line: lines.get("") ?? 1, lineOf: path => lineIn(lines, path) };
}

/** `:line` of a JSON syntax error: from V8's position when it gives one, else from the YAML parser (JSON is YAML). */
function jsonErrorLine(text: string, message: string): string {
    const lc = new LineCounter();
    const pos = /position (\d+)/.exec(message);
    if (pos) {
        lc.addNewLine(0);
        for (let i = text.indexOf("\n"); i >= 0 && i < Number(pos[1]); i = text.indexOf("\n", i + 1)) lc.addNewLine(i + 1);
        return `:${lc.linePos(Number(pos[1])).line}`;
    }
    const err = parseDocument(text, { lineCounter: lc }).errors[0];
    return err ? `:${lc.linePos(err.pos[0]).line}` : "";
}

/**
 * One pass over JSON text: refuses nesting beyond the bound (before JSON.parse recurses into it)
 * and returns the start line of every container up to REMEMBERED_DEPTH, keyed by its path.
 */
function scanJson(text: string, file: string, limits: Limits): Map<string, number> {
    const lines = new Map<string, number>();
    // Per open container: is it an array, its next index, the last key seen, the keys seen (objects), and its path.
    const stack: { array: boolean; index: number; key: string | undefined; keys: Set<string> | undefined; path: string[] | undefined }[] = [];
    let line = 1;
    let lastStart = -1, lastEnd = -1;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) line++;
        else if (c === 34) { // a string: find its end, note where it is (it may be a key)
            let j = i + 1;
            while (j < text.length && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 ? 2 : 1;
            lastStart = i;
            lastEnd = j;
            i = j;
        } else if (c === 58) { // ':' after a key
            const top = stack[stack.length - 1];
            if (top && !top.array && lastStart >= 0 && /^\s*$/.test(text.slice(lastEnd + 1, i))) {
                const raw = text.slice(lastStart + 1, lastEnd);
                let key = raw;
                if (raw.includes("\\")) try { key = JSON.parse(`"${raw}"`); } catch { /* malformed: JSON.parse reports it */ }
                if (top.keys!.has(key)) {
                    throw new InputError(`${file}:${line}: duplicate key "${key}" in one object (JSON.parse would keep only the last; YAML refuses it, and so does aks-guard)`);
                }
                top.keys!.add(key);
                top.key = key;
            }
        } else if (c === 44) { // ','
            lastStart = -1;
            const top = stack[stack.length - 1];
            if (top?.array) top.index++;
        } else if (c === 123 || c === 91) { // '{' or '['
            if (stack.length >= limits.maxDepth) throw new InputError(`${file}:${line}: nested deeper than the ${limits.maxDepth}-level limit here (raise the limit with --max-depth N)`);
            const parent = stack[stack.length - 1];
            let path: string[] | undefined = [];
            if (parent) {
                const key = parent.array ? String(parent.index) : parent.key ?? "";
                path = parent.path && remembered(parent.path, key) ? [...parent.path, key] : undefined;
            }
            if (path && c === 123) lines.set(path.join("\u0000"), line);
            stack.push({ array: c === 91, index: 0, key: undefined, keys: c === 123 ? new Set() : undefined, path });
        } else if (c === 125 || c === 93) {
            stack.pop();
        }
    }
    return lines;
}
