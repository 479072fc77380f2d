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

export function loadIndex(): CorpusCase[] {
    const file = path.join(CORPUS_DIR, "index.json");
    if (!fs.existsSync(file)) throw new Error(`corpus index not found at ${file}: set AKS_GUARD_CORPUS to the shared/corpus folder`);
    return JSON.parse(fs.readFileSync(file, "utf8"));
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
