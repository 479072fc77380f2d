// The inputs of `aks-guard check`: files, folders (walked for .yaml, .yml and .json) and `-` for
// stdin. Each document's format is detected from its content; anything unreadable is an error
// naming the file (and line), raised before the pack sees a single resource.
import * as fs from "fs";
import * as path from "path";
import { InputError, Limits, readStdin, readTextFile } from "../limits";
import { fromArmResources, fromArmTemplate, isAksResource, isArmTemplate } from "./arm";
import { Doc, documents } from "./documents";
import { fromManifest, isK8sObject } from "./kubernetes";
import { fromPreview, fromStackExport, isPreview, isStackExport } from "./pulumi";
import { Located } from "./resource";

export { Located } from "./resource";

export const STDIN = "<stdin>";
const EXTENSIONS = new Set([".yaml", ".yml", ".json"]);
/** Folders never walked: VCS metadata, dependencies. */
const SKIPPED_DIRS = new Set(["node_modules"]);

/** A document in no format aks-guard reads. */
class UnknownFormat extends InputError {}

/** The files named by the arguments, folders expanded (sorted, so output is stable). */
export function expand(args: string[], named?: Set<string>): string[] {
    const out: string[] = [];
    for (const a of args) {
        if (a === "-") { out.push(STDIN); continue; }
        let st: fs.Stats;
        try {
            st = fs.statSync(a);
        } catch {
            throw new InputError(`${a}: no such file or directory`);
        }
        if (st.isDirectory()) {
            out.push(...walk(a));
        } else {
            out.push(a);
            named?.add(path.resolve(a));
        }
    }
    return out;
}

function walk(dir: string): string[] {
    let entries: fs.Dirent[];
    try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e: any) {
        throw new InputError(`${dir}: cannot read folder: ${e.message}`);
    }
    const out: string[] = [];
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
            if (!e.name.startsWith(".") && !SKIPPED_DIRS.has(e.name)) out.push(...walk(p));
        } else if (e.isFile() && EXTENSIONS.has(path.extname(e.name).toLowerCase())) {
            out.push(p);
        }
    }
    return out;
}

/** The resources of one document, by its detected format. */
function fromDocument(doc: Doc, file: string): Located[] {
    const v = doc.value;
    // An ARM resource may carry apiVersion and kind too (`"kind": "Base"`): its `type` decides first.
    // (Not `type` containing "/" in general: a Kubernetes Secret's type is `kubernetes.io/tls`.)
    if (isAksResource(v)) return fromArmResources(doc, file);
    if (isK8sObject(v)) return fromManifest(doc, file);
    if (Array.isArray(v) && v.length === 0) return []; // `az aks list` with no clusters
    if (isStackExport(v)) return fromStackExport(doc, file);
    if (isPreview(v)) return fromPreview(doc, file);
    if (isArmTemplate(v)) return fromArmTemplate(doc, file);
    if (Array.isArray(v) && v.every(isAksResource)) return fromArmResources(doc, file);
    throw new UnknownFormat(`${file}:${doc.line}: not a format aks-guard reads (a Kubernetes object with apiVersion and kind, ` +
        "`pulumi stack export` or `pulumi preview --json` output, an ARM template, or `az aks show -o json`)");
}

/**
 * Every resource of every input, in order; names made unique per type as URNs require. A document
 * in no known format in a file found by walking a folder (package.json, Chart.yaml, values.yaml) is
 * skipped, with a warning pushed on `warnings` (and written to stderr unless `warnings` is given);
 * in a file named on the command line it is an error.
 */
export async function readInputs(args: string[], limits: Limits, warnings?: string[]): Promise<Located[]> {
    const named = new Set<string>();
    const files = expand(args, named);
    /** Found by walking a folder, not named on the command line (even besides). */
    const walked = (file: string) => file !== STDIN && !named.has(path.resolve(file));
    if (files.filter(f => f === STDIN).length > 1) throw new InputError("`-` (stdin) can be given only once");
    const out: Located[] = [];
    let count = 0;
    for (const file of files) {
        const text = file === STDIN ? await readStdin(limits) : readTextFile(file, limits);
        for (const doc of documents(text, file, limits)) {
            let found: Located[];
            try {
                found = fromDocument(doc, file);
            } catch (e) {
                if (!(e instanceof UnknownFormat) || !walked(file)) throw e;
                const w = `${file}:${doc.line}: skipped, not a format aks-guard reads`;
                if (warnings) warnings.push(w);
                else process.stderr.write(`aks-guard: warning: ${w}\n`);
                continue;
            }
            count += Math.max(found.length, 1);
            if (count > limits.maxDocuments) throw new InputError(`${file}:${doc.line}: more than ${limits.maxDocuments} objects in the inputs (raise the bound with --max-documents N)`);
            out.push(...found);
        }
    }
    uniqueNames(out);
    return out;
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
