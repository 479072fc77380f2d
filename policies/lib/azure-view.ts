// The provider-neutral view of an Azure resource. Its properties have the azure-native shape
// (the ARM `properties`, flattened as azure-native flattens them), so that each Azure policy reads
// one shape and is written once; an adapter per provider fills it (azure-native: as is; the
// classic `@pulumi/azure` provider: see azure-classic.ts). The view also knows how the user wrote
// each field, so that messages name `defaultNodePool.nodePublicIpEnabled` for a classic cluster and
// `agentPoolProfiles[0].enableNodePublicIP` for an azure-native one.
import { get, isFalse, isObj, isTrue, Obj, show, UNKNOWN } from "./values";

/** How the user wrote a field of the view, and what fixes it when that is not "set it to true". */
export interface FieldSource {
    /** The field as written (`localAccountDisabled`, `defaultNodePool.hostEncryptionEnabled`). */
    name: string;
    /** The fix when the field must be on, where "set it to true" would be wrong (an inverted or block field). */
    fix?: string;
    /** The written field turns the setting off when true (`runCommandEnabled` for `disableRunCommand`). */
    inverted?: boolean;
}

/** How the user wrote the fields of a view: a neutral (azure-native) dotted path → its source. */
export type FieldNames = (path: string) => FieldSource;

/** azure-native fields are written as the view names them. */
export const nativeFields: FieldNames = path => ({ name: path });

/**
 * Why a setting of the view that must be on is not, as a message clause that names the field as
 * written and its fix (`does not set securityProfile.imageCleaner.enabled; set it to true`), or
 * undefined when it is on or unknown. The string "true" (any case, as ARM JSON may carry it)
 * counts as true; any other wrong-typed value is not true, so it is reported.
 */
export function notOn(props: Obj, path: readonly string[], fields: FieldNames): string | undefined {
    const v = get(props, ...path);
    if (isTrue(v) || v === UNKNOWN) return undefined;
    const src = fields(path.join("."));
    const fix = src.fix ?? (src.inverted ? "set it to false" : "set it to true");
    if (v === undefined || v === null) {
        return src.inverted ? `leaves ${src.name} at its default (true); ${fix}` : `does not set ${src.name}; ${fix}`;
    }
    // An inverted field holds the negation: false in the view was written as true.
    const written = src.inverted && isFalse(v) ? true : v;
    return `sets ${src.name} to ${show(written)}; ${fix}`;
}

// ---- Adapters --------------------------------------------------------------------------------

/** How one neutral field is read from a provider's own shape. */
export interface Mapping {
    /** The neutral (azure-native) dotted path; a key that holds dots is written in brackets (`customProperties["a.b"]`). */
    to: string;
    /** The provider's field path(s), newest schema first; the first one present is the one read (and named). */
    from: string | readonly string[];
    /**
     * How the provider's value becomes the neutral one: as is (default), `not` (an inverted boolean),
     * `present` (true when a block is declared: classic's `microsoftDefender { ... }`), or a function.
     */
    as?: "not" | "present" | ((v: unknown) => unknown);
    /** The neutral value when the provider's field is absent and its default differs from azure-native's. */
    absent?: unknown;
    /** `absent` applies only when this provider block is declared (a default of the block's field). */
    absentIn?: string;
    /** The fix where "set it to true" does not fit the written field. */
    fix?: string;
}

/** A view's properties in the neutral shape, and how their fields were written. */
export interface Adapted {
    props: Obj;
    fields: FieldNames;
}

/** The keys of a neutral path: `a.b["c.d"].e` → a, b, c.d, e. */
function splitPath(path: string): string[] {
    return [...path.matchAll(/\["([^"]*)"\]|([^.[\]]+)/g)].map(m => m[1] ?? m[2]);
}

function setPath(o: Obj, path: string[], v: unknown): void {
    let cur = o;
    for (const key of path.slice(0, -1)) {
        if (!isObj(cur[key])) cur[key] = {};
        cur = cur[key] as Obj;
    }
    cur[path[path.length - 1]] = v;
}

function convert(v: unknown, as: Mapping["as"]): unknown {
    if (v === UNKNOWN) return UNKNOWN;
    if (as === "present") return v === undefined || v === null ? undefined : true;
    if (as === "not") return isTrue(v) ? false : isFalse(v) ? true : v;
    return typeof as === "function" ? as(v) : v;
}

/**
 * The neutral view of a provider's properties by `mappings`. `prefix` is how the fields' names
 * start in the resource (`defaultNodePool.` for a classic cluster's inline pool). Unknown values
 * stay unknown; absent fields stay absent (unless the provider's default differs: `absent`).
 */
export function adapt(props: Obj, mappings: readonly Mapping[], prefix = ""): Adapted {
    const out: Obj = {};
    const sources = new Map<string, FieldSource>();
    for (const m of mappings) {
        const from = typeof m.from === "string" ? [m.from] : m.from;
        const written = from.find(f => get(props, ...f.split(".")) !== undefined) ?? from[0];
        const raw = get(props, ...written.split("."));
        const defaulted = m.absentIn === undefined || isObj(get(props, ...m.absentIn.split(".")));
        const v = raw === undefined ? (defaulted ? m.absent : undefined) : convert(raw, m.as);
        sources.set(m.to, { name: prefix + written, fix: m.fix, inverted: m.as === "not" });
        if (v !== undefined) setPath(out, splitPath(m.to), v);
    }
    return {
        props: out,
        fields: path => sources.get(path) ?? parentSource(sources, path) ?? { name: prefix + path },
    };
}

/** A field under a mapped one (`authorizedIPRanges[2]` under `authorizedIPRanges`) keeps its parent's spelling. */
function parentSource(sources: Map<string, FieldSource>, path: string): FieldSource | undefined {
    for (const [to, src] of sources) {
        if (path.startsWith(to) && (path[to.length] === "[" || path[to.length] === ".")) return { name: src.name + path.slice(to.length) };
    }
    return undefined;
}
