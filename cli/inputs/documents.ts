// Text → documents with line numbers. YAML is composed one document at a time (a stream of many
// manifests never holds every syntax tree at once); JSON goes through JSON.parse after a scan
// that checks the nesting bound and notes the line where each object of the top levels starts.
import { Composer, LineCounter, parseDocument, Parser } from "yaml";
import { checkDepth, InputError, Limits } from "../limits";

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
    const composer = new Composer({ prettyErrors: false, uniqueKeys: true });
    const tokens = new Parser(lc.addNewLine).parse(text);
    let docs;
    try {
        docs = composer.compose(tokens);
    } catch (e) {
        throw tooDeep(e, file, limits);
    }
    const lineAt = (offset: number) => lc.linePos(offset).line;
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
            value = doc.toJS({ maxAliasCount: 100 });
        } catch (e: any) {
            if (e instanceof RangeError) throw tooDeep(e, `${file}:${line}`, limits);
            throw new InputError(`${file}:${line}: malformed YAML: ${e.message}`);
        }
        if (value === null || value === undefined) continue; // an empty document (`---` alone, comments only)
        checkDepth(value, limits, `${file}:${line}`);
        yield {
            value,
            line,
            lineOf: path => {
                const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
                return node?.range ? lineAt(node.range[0]) : undefined;
            },
        };
    }
}

function tooDeep(e: unknown, where: string, limits: Limits): Error {
    if (e instanceof RangeError) return new InputError(`${where}: nested deeper than the parser can follow (limit ${limits.maxDepth} levels)`);
    return e instanceof InputError ? e : new InputError(`${where}: malformed YAML: ${(e as Error).message}`);
}

/** Depth of object starts to remember lines for: `items[i]`, `resources[i]`, `deployment.resources[i]`, `resources[i].resources[j]`. */
const REMEMBERED_DEPTH = 4;

/** The one JSON document of `text`, or the syntax error (as an InputError to throw) if it is not JSON. */
function jsonDocument(text: string, file: string, limits: Limits): Doc | InputError {
    const lines = scanJson(text, file, limits);
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (e: any) {
        return new InputError(`${file}${jsonErrorLine(text, e.message)}: malformed JSON: ${e.message.replace(/ in JSON at position \d+.*$|, "[\s\S]*$|, \.\.\.[\s\S]*$/, "")}`);
    }
    return { value, line: lines.get("") ?? 1, lineOf: path => lines.get(path.join("\u0000")) };
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
    // Per open container: is it an array, its next index, the last key seen, and its path.
    const stack: { array: boolean; index: number; key: string | undefined; path: string[] | undefined }[] = [];
    let line = 1;
    let lastString: string | undefined;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) line++;
        else if (c === 34) { // a string: find its end, keep it (it may be a key)
            let j = i + 1;
            while (j < text.length && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 ? 2 : 1;
            lastString = stack.length <= REMEMBERED_DEPTH ? text.slice(i + 1, j) : undefined;
            i = j;
        } else if (c === 58) { // ':' after a key
            const top = stack[stack.length - 1];
            if (top && !top.array) top.key = lastString;
        } else if (c === 44) { // ','
            const top = stack[stack.length - 1];
            if (top?.array) top.index++;
        } else if (c === 123 || c === 91) { // '{' or '['
            if (stack.length >= limits.maxDepth) throw new InputError(`${file}:${line}: nested deeper than ${limits.maxDepth} levels (raise it with --max-depth N)`);
            const parent = stack[stack.length - 1];
            const path = !parent ? [] : parent.path && [...parent.path, parent.array ? String(parent.index) : parent.key ?? ""];
            if (path && c === 123) lines.set(path.join("\u0000"), line);
            stack.push({ array: c === 91, index: 0, key: undefined, path: path && path.length < REMEMBERED_DEPTH ? path : undefined });
        } else if (c === 125 || c === 93) {
            stack.pop();
        }
    }
    return lines;
}
