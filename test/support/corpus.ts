// The external fixture corpus (../shared/corpus): Pod Security Admission, Gatekeeper library and
// Checkov cases with the verdict each of our policies must give.
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { ResourceInput } from "../../harness";
import { k8sTokenOf } from "../../policies/lib/tokens";

export const CORPUS_DIR = path.resolve(process.env.AKS_GUARD_CORPUS ?? path.join(__dirname, "..", "..", "..", "..", "shared", "corpus"));

export interface CorpusCase {
    file: string;
    doc: number;
    item?: number;
    source: string;
    sourceCheck: string;
    policy: string;
    expect: "violation" | "no-violation";
    params: Record<string, unknown>;
    note?: string;
}

export const CORPUS_INDEX = path.join(CORPUS_DIR, "index.json");

/** Whether the corpus is here: it is optional on a clone, and required where AKS_GUARD_REQUIRE_CORPUS is set (CI). */
export function corpusPresent(): boolean {
    return fs.existsSync(CORPUS_INDEX);
}

/** Why the corpus cases are not run (or fail, where the corpus is required). */
export const CORPUS_ABSENT = `no corpus index at ${CORPUS_INDEX}: place the corpus at ../shared/corpus beside the clone or set AKS_GUARD_CORPUS to its folder`;

export function loadIndex(): CorpusCase[] {
    if (!corpusPresent()) throw new Error(CORPUS_ABSENT);
    return JSON.parse(fs.readFileSync(CORPUS_INDEX, "utf8"));
}

const docsCache = new Map<string, unknown[]>();
function documents(file: string): unknown[] {
    let docs = docsCache.get(file);
    if (!docs) {
        const text = fs.readFileSync(path.join(CORPUS_DIR, file), "utf8");
        docs = file.endsWith(".json") ? [JSON.parse(text)] : parseAllDocuments(text).map(d => d.toJS());
        docsCache.set(file, docs);
    }
    return docs;
}

/** The resource a case is about, as Pulumi would present it to the pack. */
export function caseResource(c: CorpusCase): ResourceInput {
    let doc: any = documents(c.file)[c.doc];
    if (c.item !== undefined) doc = doc.items[c.item];
    if (typeof doc.type === "string" && doc.props) return { type: doc.type, name: doc.name ?? "resource", props: doc.props };
    const name = doc.metadata?.name ?? "resource";
    return { type: k8sTokenOf(String(doc.apiVersion), String(doc.kind)), name, props: doc };
}

export function caseId(c: CorpusCase): string {
    return `${c.file}#${c.doc}${c.item !== undefined ? `.items[${c.item}]` : ""}`;
}
