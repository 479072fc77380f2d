// The inputs of `aks-guard check`: files, folders (walked for .yaml, .yml and .json) and `-` for
// stdin. Each document's format is detected from its content; anything unreadable is an error
// naming the file (and line), raised before the pack sees a single resource.
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { describeError, InputError, Limits, measure, readStdin, readTextFile } from "../limits";
import { safe } from "../report/escape";
import { fromArmResources, fromArmTemplate, isArmResource, isArmTemplate } from "./arm";
import { Doc, documents } from "./documents";
import { fromManifest, inNamespace, isK8sObject } from "./kubernetes";
import { fromPreview, fromStackExport, isPreview, isStackExport } from "./pulumi";
import { Located } from "./resource";

export { Located } from "./resource";

export const STDIN = "<stdin>";
const EXTENSIONS = new Set([".yaml", ".yml", ".json"]);
/** Folders never walked: VCS metadata, dependencies. */
const SKIPPED_DIRS = new Set(["node_modules"]);

/** A document in no format aks-guard reads. */
class UnknownFormat extends InputError {}

/** An input to read: a path (or STDIN), and whether it was named on the command line (else found by walking a folder). */
export interface Input { file: string; named: boolean }

const errno = (e: unknown) => (e as NodeJS.ErrnoException).code;

/** Why a path that exists (as a link at least) cannot be followed, in words: a loop or a missing target. */
function unreachable(p: string, e: unknown): InputError {
    if (errno(e) === "ELOOP") return new InputError(`${p}: symlink loop: following its symbolic links leads back to itself`);
    if (errno(e) === "ENOENT") {
        let target: string | undefined;
        try { target = fs.readlinkSync(p); } catch { /* not a link itself: a link on its path */ }
        return new InputError(target !== undefined ? `${p}: symlink to ${target}, which does not exist` : `${p}: no such file or directory`);
    }
    return new InputError(`${p}: cannot read: ${describeError(e as NodeJS.ErrnoException)}`);
}

/**
 * The files named by the arguments, folders walked (sorted, so output is stable). Symbolic links
 * are followed; each real file is read once (named wins over walked); a link back to a folder
 * being walked is a loop, and an error.
 */
export function expand(args: string[]): Input[] {
    const byReal = new Map<string, Input>();
    const out: Input[] = [];
    const add = (file: string, named: boolean) => {
        let real: string;
        try { real = fs.realpathSync(file); } catch (e) { throw unreachable(file, e); }
        const seen = byReal.get(real);
        if (seen) { seen.named ||= named; return; }
        const input = { file, named };
        byReal.set(real, input);
        out.push(input);
    };
    const walkedDirs = new Set<string>();
    const walk = (dir: string, ancestors: string[]) => {
        const real = fs.realpathSync(dir);
        if (ancestors.includes(real)) throw new InputError(`${dir}: symlink loop: it leads back to ${real}, a folder that contains it`);
        if (walkedDirs.has(real)) return; // reached again by another link: its files are read once
        walkedDirs.add(real);
        let entries: fs.Dirent[];
        try {
            entries = fs.readdirSync(dir, { withFileTypes: true });
        } catch (e: any) {
            throw new InputError(`${dir}: cannot read folder: ${describeError(e)}`);
        }
        for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
            const p = path.join(dir, e.name);
            let isDir = e.isDirectory();
            if (e.isSymbolicLink()) {
                try {
                    isDir = fs.statSync(p).isDirectory();
                } catch (err) {
                    // A dangling or looping link that would be read: an error; any other: there is nothing to read.
                    if (EXTENSIONS.has(path.extname(e.name).toLowerCase())) throw unreachable(p, err);
                    continue;
                }
            }
            if (isDir) {
                if (e.name.startsWith(".") || SKIPPED_DIRS.has(e.name)) continue;
                if (e.isSymbolicLink()) {
                    const target = fs.realpathSync(p);
                    if (real === target || real.startsWith(target + path.sep)) throw new InputError(`${p}: symlink loop: it leads back to ${target}, a folder that contains it`);
                }
                walk(p, [...ancestors, real]);
            } else if (EXTENSIONS.has(path.extname(e.name).toLowerCase()) || KUSTOMIZATION.test(e.name)) {
                add(p, false); // FIFOs and devices too: reading refuses them, naming them
            }
        }
    };
    for (const a of args) {
        if (a === "-") { out.push({ file: STDIN, named: true }); continue; }
        let st: fs.Stats;
        try {
            st = fs.statSync(a);
        } catch (e) {
            throw unreachable(a, e);
        }
        if (st.isDirectory()) walk(a, []);
        else add(a, true);
    }
    return out;
}

/** kustomize's file names. */
const KUSTOMIZATION = /^(kustomization\.ya?ml|Kustomization)$/;
const isKustomization = (v: unknown) => isK8sObject(v) && /^kustomize\.config\.k8s\.io\//.test(v.apiVersion as string);

/** A folder as a user would type it: relative to the working folder when inside it. */
function shown(dir: string): string {
    const rel = path.relative(process.cwd(), dir);
    return rel === "" ? "." : rel.startsWith("..") || path.isAbsolute(rel) ? dir : `./${rel}`;
}

/** The chart folder a template belongs to (the nearest folder above with a Chart.yaml), for the hint. */
function chartOf(file: string): string | undefined {
    for (let dir = path.dirname(path.resolve(file)), i = 0; i < 8; i++, dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "Chart.yaml"))) return shown(dir);
        if (path.dirname(dir) === dir) break;
    }
    return undefined;
}

/** Input to render before checking: a Helm template or a kustomization. */
class NeedsRendering extends InputError {}

/**
 * Is `{{` written outside YAML comments on some line? (A comment starts at a `#` that begins the
 * line or follows a blank; `{{` inside one is text nobody renders.)
 */
export function templateOutsideComments(text: string): boolean {
    for (let at = text.indexOf("{{"); at >= 0;) {
        const start = text.lastIndexOf("\n", at) + 1;
        if (!/(^|[ \t])#/.test(text.slice(start, at))) return true;
        // In a comment: so is the rest of its line (each line is looked at once, in linear time).
        const next = text.indexOf("\n", at);
        if (next < 0) return false;
        at = text.indexOf("{{", next);
    }
    return false;
}

/** Does the text parse as YAML once every `{{ ... }}` is blanked? Then the template syntax is why it does not parse as it is. */
function parsesWithoutTemplates(text: string): boolean {
    const blanked = text.replace(/\{\{[\s\S]*?\}\}/g, m => m.replace(/[^\n]/g, " "));
    try {
        return parseAllDocuments(blanked, { uniqueKeys: false }).every(d => d.errors.length === 0);
    } catch {
        return false;
    }
}

/** Text that is a Helm template: `{{` outside comments, and the reason it is not YAML (or not a format read here). */
const isHelmTemplate = (text: string) => templateOutsideComments(text) && parsesWithoutTemplates(text);

function helmTemplate(file: string, line?: number): NeedsRendering {
    const chart = chartOf(file) ?? "<chart folder>";
    return new NeedsRendering(`${file}${line ? `:${line}` : ""}: a Helm template (text with {{ }}), not YAML until rendered; ` +
        `check what it renders to: helm template ${chart} | aks-guard check -`);
}

function kustomization(file: string): NeedsRendering {
    const dir = shown(path.dirname(path.resolve(file)));
    return new NeedsRendering(`${file}: a kustomization, which describes resources kustomize builds; ` +
        `check what it builds: kubectl kustomize ${dir} | aks-guard check -`);
}

/** The resources of one document, by its detected format. */
/** Readers that leave unresolved values unknown (ARM expressions; a preview's computed outputs). */
function mayBeUnknown(found: Located[]): Located[] {
    for (const r of found) r.unknowns = true;
    return found;
}

function fromDocument(doc: Doc, file: string): Located[] {
    const v = doc.value;
    // An ARM resource may carry apiVersion and kind too (`"kind": "Base"`): its `type` decides first.
    // (Not `type` containing "/" in general: a Kubernetes Secret's type is `kubernetes.io/tls`.)
    if (isArmResource(v)) return mayBeUnknown(fromArmResources(doc, file));
    if (isK8sObject(v)) return fromManifest(doc, file);
    if (Array.isArray(v) && v.length === 0) return []; // `az aks list` with no clusters
    if (isStackExport(v)) return fromStackExport(doc, file);
    if (isPreview(v)) return mayBeUnknown(fromPreview(doc, file));
    if (isArmTemplate(v)) return mayBeUnknown(fromArmTemplate(doc, file));
    if (Array.isArray(v) && v.every(isArmResource)) return mayBeUnknown(fromArmResources(doc, file));
    throw new UnknownFormat(`${file}:${doc.line}: not a format aks-guard reads (a Kubernetes object with apiVersion and kind, ` +
        "`pulumi stack export` or `pulumi preview --json` output, an ARM template, or `az aks show -o json`)");
}

export interface ReadOptions {
    /** `--namespace`: the namespace of objects that name none, as `kubectl apply -n` gives them. */
    namespace?: string;
    /** Told each file or document skipped (`file` or `file:line`), so that reports count them. */
    skipped?: string[];
    /** What `-` reads (default process.stdin; the in-process entry of tests gives its own). */
    stdin?: NodeJS.ReadableStream;
}

/**
 * Every resource of every input, in order; names made unique per type as URNs require. A document
 * in no known format, a Helm template or a kustomization in a file found by walking a folder
 * (package.json, Chart.yaml, values.yaml, templates/) is skipped, with a warning pushed on
 * `warnings` (and written to stderr unless `warnings` is given); in a file named on the command
 * line it is an error.
 */
export async function readInputs(args: string[], limits: Limits, warnings?: string[], options: ReadOptions = {}): Promise<Located[]> {
    const inputs = expand(args);
    if (inputs.filter(f => f.file === STDIN).length > 1) throw new InputError("`-` (stdin) can be given only once");
    const warn = (w: string) => {
        if (warnings) warnings.push(w);
        else process.stderr.write(`aks-guard: warning: ${safe(w)}\n`);
    };
    const out: Located[] = [];
    let count = 0, values = 0, chars = 0, documentsSeen = 0;
    for (const { file, named } of inputs) {
        const text = file === STDIN ? await readStdin(limits, options.stdin) : await readTextFile(file, limits);
        // Every document counts, empty ones too (`---` alone): a flood of them is refused before it is parsed.
        documentsSeen = countDocuments(text, file, limits, documentsSeen);
        let found: Located[];
        try {
            found = readText(text, file, limits, named, warn, options.skipped);
        } catch (e) {
            if (!(e instanceof NeedsRendering) || named) throw e;
            warn(`${e.message.replace(/^([^ ]*): /, "$1: skipped, ")}`);
            options.skipped?.push(file);
            continue;
        }
        for (const r of found) {
            count++;
            if (count > limits.maxDocuments) throw new InputError(`${file}:${r.line ?? 1}: more than ${limits.maxDocuments} objects in the inputs (raise the bound with --max-documents N)`);
            const m = measure(r.props, Number.MAX_SAFE_INTEGER);
            values += m.values;
            chars += m.chars;
            if (values > limits.maxValues) {
                throw new InputError(`${file}:${r.line ?? 1}: more than ${limits.maxValues} property values in the inputs; the policy pack holds them all at once ` +
                    "(raise the bound with --max-values N, or check the inputs in parts)");
            }
            if (chars > limits.maxStringChars) {
                throw new InputError(`${file}:${r.line ?? 1}: more than ${limits.maxStringChars / 1024 / 1024} MB of strings (keys and values) in the inputs; the policy pack holds them all at once, ` +
                    "copied per policy (raise the bound with --max-string-size MB, or check the inputs in parts)");
            }
            out.push(r);
        }
    }
    if (options.namespace !== undefined) inNamespace(out, options.namespace);
    uniqueNames(out);
    return out;
}

/** The resources of one file's text. */
function readText(text: string, file: string, limits: Limits, named: boolean, warn: (w: string) => void, skipped?: string[]): Located[] {
    if (KUSTOMIZATION.test(path.basename(file))) throw kustomization(file);
    const out: Located[] = [];
    let docs = 0;
    try {
        for (const doc of documents(text, file, limits)) {
            if (isKustomization(doc.value)) throw kustomization(file);
            let found: Located[];
            try {
                found = fromDocument(doc, file);
            } catch (e) {
                if (!(e instanceof UnknownFormat) || named) throw e;
                if (isHelmTemplate(text)) throw helmTemplate(file);
                warn(`${file}:${doc.line}: skipped, not a format aks-guard reads`);
                skipped?.push(`${file}:${doc.line}`);
                continue;
            }
            // Each document counts once at least (an empty List too), so that a flood of them is bounded.
            if (++docs > limits.maxDocuments) throw new InputError(`${file}:${doc.line}: more than ${limits.maxDocuments} objects in the inputs (raise the bound with --max-documents N)`);
            for (const r of found) out.push(r); // (not push(...found): a List of 200,000 items is more arguments than a call takes)
        }
    } catch (e) {
        // Text with {{ that is not YAML (or not a format read here) is a template to render first.
        if (e instanceof InputError && !(e instanceof NeedsRendering) && /malformed (YAML|JSON)|not a format aks-guard reads/.test(e.message) && isHelmTemplate(text)) {
            throw helmTemplate(file);
        }
        throw e;
    }
    return out;
}

/**
 * `seen` plus the documents of `text`, refused past --max-documents, naming the line where the
 * bound is passed. A line that starts with `---` (then a blank or its end) always starts a
 * document in YAML, so counting them bounds the documents, empty ones included, in linear time.
 */
export function countDocuments(text: string, file: string, limits: Limits, seen: number): number {
    let n = seen + 1; // the document the text starts with
    let line = 1;
    let preamble = true; // only blank lines, comments and directives so far: a first `---` starts that same document
    for (let at = 0; at < text.length;) {
        const next = text.indexOf("\n", at);
        const end = next < 0 ? text.length : next;
        if (text.startsWith("---", at) && (at + 3 === end || " \t\r".includes(text[at + 3]))) {
            if (!preamble && n++ >= limits.maxDocuments) {
                throw new InputError(`${file}:${line}: more than ${limits.maxDocuments} objects in the inputs, counting every document, empty ones too (raise the bound with --max-documents N)`);
            }
            preamble = false;
        } else if (preamble && !/^\s*(#.*|%.*)?\r?$/.test(text.slice(at, end))) {
            preamble = false;
        }
        if (next < 0) break;
        at = next + 1;
        line++;
    }
    return n;
}

/** Two objects with the same type and name (say, in two files) would share a URN: number the later ones. */
function uniqueNames(resources: Located[]): void {
    const seen = new Set<string>();
    for (const r of resources) {
        if (r.urn) { seen.add(r.urn); continue; }
        let name = r.name;
        for (let n = 2; seen.has(`${r.type}::${name}`); n++) name = `${r.name}#${n}`;
        seen.add(`${r.type}::${name}`);
        r.name = name;
    }
}
