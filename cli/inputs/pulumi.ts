// Pulumi's own outputs: `pulumi stack export` (deployment.resources, judged on their inputs) and
// `pulumi preview --json` (steps[].newState). The stack resource and providers are not judged,
// as the engine does not analyze them; a resource's provider, parent, dependencies and
// propertyDependencies (both outputs carry them on a resource's state) are passed on.
import { isSecret, secret, UNKNOWN_STRING } from "../../harness/protocol";
import { isObj, Obj } from "../../policies/lib/values";
import { Doc } from "./documents";
import { Located } from "./resource";

export const isStackExport = (v: unknown): boolean => isObj(v) && isObj(v.deployment) && Array.isArray(v.deployment.resources);
export const isPreview = (v: unknown): boolean => isObj(v) && Array.isArray(v.steps);

export function fromStackExport(doc: Doc, file: string): Located[] {
    const states = ((doc.value as any).deployment.resources as unknown[]).map((r, i) => ({ state: r, path: ["deployment", "resources", i] }));
    return fromStates(states.filter(s => isObj(s.state) && !s.state.delete), doc, file);
}

/** Steps whose newState the engine does not analyze (removals, reads, a replacement's other half). */
const SKIPPED_OPS = new Set(["delete", "delete-replaced", "discard", "discard-replaced", "read", "read-replacement", "read-discard", "remove-pending-replace"]);

export function fromPreview(doc: Doc, file: string): Located[] {
    const steps = (doc.value as any).steps as unknown[];
    // A replacement shows as several steps with one URN (create-replacement, replace): one state per URN, the last.
    const byUrn = new Map<unknown, { state: unknown; path: (string | number)[] }>();
    steps.forEach((s, i) => {
        if (!isObj(s) || !isObj(s.newState) || SKIPPED_OPS.has(String(s.op))) return;
        const key = typeof s.newState.urn === "string" ? s.newState.urn : {};
        byUrn.delete(key); // re-inserted: in the order of the last step
        byUrn.set(key, { state: s.newState, path: ["steps", i] });
    });
    return fromStates([...byUrn.values()], doc, file);
}

interface State { urn: string; type: string; inputs?: Obj; parent?: string; provider?: string; dependencies?: string[]; propertyDependencies?: unknown }

function fromStates(states: { state: unknown; path: (string | number)[] }[], doc: Doc, file: string): Located[] {
    const byUrn = new Map<string, State>();
    for (const { state } of states) {
        const s = state as State;
        if (typeof s.urn === "string") byUrn.set(s.urn, s);
    }
    const out: Located[] = [];
    for (const { state, path } of states) {
        const s = state as State;
        if (typeof s.urn !== "string" || typeof s.type !== "string") continue;
        if (s.type === "pulumi:pulumi:Stack" || s.type.startsWith("pulumi:providers:")) continue;
        const sealed = { count: 0 };
        const r: Located = { type: s.type, name: nameOf(s.urn), urn: s.urn, props: plain(s.inputs ?? {}, sealed) as Obj, file, line: doc.lineOf(path) };
        if (typeof s.parent === "string" && s.parent) r.parent = s.parent;
        if (Array.isArray(s.dependencies)) r.dependencies = s.dependencies.filter((d): d is string => typeof d === "string");
        const propertyDependencies = propertyDependenciesOf(s.propertyDependencies);
        if (propertyDependencies) r.propertyDependencies = propertyDependencies;
        const prov = providerOf(s.provider, byUrn, sealed);
        if (prov) r.provider = prov;
        if (sealed.count > 0) r.unknowns = true;
        out.push(r);
    }
    return out;
}

/** `{ property: [urn, ...] }` as a state stores it; entries of any other shape are dropped. */
function propertyDependenciesOf(v: unknown): Record<string, string[]> | undefined {
    if (!isObj(v)) return undefined;
    const out: Record<string, string[]> = {};
    for (const [k, urns] of Object.entries(v)) {
        if (Array.isArray(urns)) out[k] = urns.filter((u): u is string => typeof u === "string");
    }
    return Object.keys(out).length ? out : undefined;
}

/** The resource name: the URN's last `::` segment. */
const nameOf = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

/** `urn:...::pulumi:providers:kubernetes::name::id` → the provider resource the engine would send. */
function providerOf(ref: unknown, byUrn: Map<string, State>, sealed: { count: number }): Located["provider"] {
    if (typeof ref !== "string" || !ref) return undefined;
    const cut = ref.lastIndexOf("::");
    const urn = cut > 0 ? ref.slice(0, cut) : ref;
    const typePart = urn.split("::")[2] ?? "";
    const type = typePart.slice(typePart.lastIndexOf("$") + 1);
    if (!type.startsWith("pulumi:providers:")) return undefined;
    return { type, name: nameOf(urn), urn, props: plain(byUrn.get(urn)?.inputs ?? {}, sealed) as Obj };
}

/**
 * Secrets as the engine sends them: a stack export holds them encrypted (`ciphertext`, whose value
 * is unknown here) or, with --show-secrets, as JSON `plaintext`. `sealed` counts the secrets left
 * unknown, so that the check runs as a preview only when there are any.
 */
function plain(v: unknown, sealed: { count: number }): unknown {
    if (Array.isArray(v)) return v.map(x => plain(x, sealed));
    if (!isObj(v)) return v;
    if (isSecret(v)) {
        const unknown = () => { sealed.count++; return secret(UNKNOWN_STRING); };
        if (typeof v.plaintext === "string") {
            try { return secret(plain(JSON.parse(v.plaintext), sealed)); } catch { return unknown(); }
        }
        return "value" in v ? secret(plain(v.value, sealed)) : unknown();
    }
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) out[k] = plain(x, sealed);
    return out;
}
