// Unknown- and secret-safe reading of resource properties.
//
// @pulumi/policy hands a policy its properties behind a proxy that throws on the first unknown
// value it meets, which would hide every known violation of the same resource behind one
// "can't run during preview" notice. Policies here read the raw values instead and treat the
// preview sentinels as UNKNOWN: a known bad value is reported, an unknown one is deferred.
import { Secret } from "@pulumi/policy";

/** A value that the engine will only know after deployment (a preview sentinel). */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

/** Three-valued truth: known true, known false, or UNKNOWN when only a preview-time unknown could decide. */
export type Maybe = boolean | Unknown;

/** False if any part is false, otherwise UNKNOWN if any part is unknown, otherwise true. */
export function allOf(...parts: Maybe[]): Maybe {
    return parts.includes(false) ? false : parts.includes(UNKNOWN) ? UNKNOWN : true;
}

/** True if any part is true, otherwise UNKNOWN if any part is unknown, otherwise false. */
export function anyOf(...parts: Maybe[]): Maybe {
    return parts.includes(true) ? true : parts.includes(UNKNOWN) ? UNKNOWN : false;
}

/**
 * The string the engine sends for any value that is unknown during preview (the harness and the
 * command line send it too).
 */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

// The sentinels @pulumi/policy uses for unknown booleans, numbers, strings, arrays, assets,
// archives and objects.
const SENTINELS = new Set<string>([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    UNKNOWN_STRING,
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/**
 * Whether this run is a preview (ConfigureStack's dryRun). At `pulumi up` (dryRun false) every
 * input is known, so a string equal to a sentinel is data like any other: set by the pack's
 * ConfigureStack hook (policies/configure-stack.ts) and by the in-process evaluator.
 */
let preview = true;

/** ConfigureStack's dryRun: false means nothing is unknown (`pulumi up`, or inputs read from files). */
export function setDryRun(dryRun: boolean): void {
    preview = dryRun;
}

const proxyTarget = "__getSpecialProxyTarget";

export type Obj = Record<string, unknown>;

/** The plain object behind @pulumi/policy's property proxies (unknown-checking and secret-preserving). */
export function rawProps(props: unknown): Obj {
    let p: any = props;
    for (let i = 0; i < 3 && p !== null && typeof p === "object"; i++) {
        const target = p[proxyTarget];
        if (target === undefined || target === p) break;
        p = target;
    }
    return isObj(p) ? p : {};
}

/** A value read from resource properties: secrets unwrapped, sentinels turned into UNKNOWN. */
export function val(v: unknown): unknown {
    while (v instanceof Secret) v = v.value;
    return preview && typeof v === "string" && SENTINELS.has(v) ? UNKNOWN : v;
}

export function isUnknown(v: unknown): v is Unknown {
    return val(v) === UNKNOWN;
}

export function isObj(v: unknown): v is Obj {
    return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Secret);
}

/** Reads a path; UNKNOWN as soon as a step is unknown, undefined when a step is missing or not an object. */
export function get(o: unknown, ...path: (string | number)[]): unknown {
    let cur = val(o);
    if (cur === UNKNOWN) {
        if (o !== UNKNOWN) noteUnknown(undefined, undefined); // a sentinel handed in, not an UNKNOWN already read
        return UNKNOWN;
    }
    for (const key of path) {
        if (typeof key === "number" ? !Array.isArray(cur) : !isObj(cur)) return undefined;
        const parent = cur as Record<string | number, unknown>;
        cur = val(parent[key]);
        if (cur === UNKNOWN) {
            noteUnknown(parent, key);
            return UNKNOWN;
        }
    }
    return cur;
}

// ---- Which unknowns a check met ---------------------------------------------------------------
// A check defers what an unknown value decides by reading it through the accessors above (an
// explicit `=== UNKNOWN`, or obj/arr treating it as absent). While readingUnknowns runs a check,
// every unknown the accessors meet is noted with where it sits, so that the policy wrapper can
// tell "judged and passed" from "could not judge yet" and name the field (policies/lib/policy.ts).

/** An unknown value a check met: the object (or array) it sits in and its key; neither when the check was handed the value itself. */
export interface UnknownRead {
    parent?: object;
    key?: string | number;
}

/** Enough to name the fields in a reason; a check over a huge resource keeps no more. */
const MAX_READS = 64;
let unknownReads: UnknownRead[] | undefined;

function noteUnknown(parent: object | undefined, key: string | number | undefined): void {
    if (unknownReads && unknownReads.length < MAX_READS) unknownReads.push({ parent, key });
}

/** Runs `fn` and returns, beside its result, the unknown values the accessors met while it ran. */
export function readingUnknowns<T>(fn: () => T): { result: T; reads: UnknownRead[] } {
    const outer = unknownReads;
    const reads: UnknownRead[] = [];
    unknownReads = reads;
    try {
        return { result: fn(), reads };
    } finally {
        unknownReads = outer;
    }
}

/** `fn`'s result, the unknowns it met not noted: for reads that only name things in messages. */
export function unnoted<T>(fn: () => T): T {
    return readingUnknowns(fn).result;
}

/** A tree the unknowns may sit in (a resource's properties, its provider's), and how a path in it is introduced. */
export interface UnknownRoot {
    root: unknown;
    /** Put before the path: "" for the resource's own properties, "the provider's " for its provider's. */
    prefix: string;
}

/** Key of a path: `.name` for plain keys, `["sidecar.istio.io/inject"]` for others, `[3]` for indices, `[secret]` inside a secret. */
function segment(key: string | number, inSecret: boolean): string {
    if (inSecret) return "[secret]";
    if (typeof key === "number") return `[${key}]`;
    if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key)) return `.${key}`;
    // JSON quoting escapes C0 controls; the rest of what could disturb a terminal is escaped too.
    return `[${JSON.stringify(key).replace(/[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}]`;
}

/** The path of every object and array in `root` (secrets unwrapped, their insides masked), walked without recursion. */
function objectPaths(root: unknown): Map<object, { at: string; inSecret: boolean }> {
    const paths = new Map<object, { at: string; inSecret: boolean }>();
    const todo: [unknown, string, boolean][] = [[root, "", false]];
    while (todo.length > 0) {
        let [v, at, inSecret] = todo.pop()!;
        while (v instanceof Secret) { v = v.value; inSecret = true; }
        if (v === null || typeof v !== "object" || paths.has(v)) continue;
        paths.set(v, { at, inSecret });
        if (Array.isArray(v)) v.forEach((item, i) => todo.push([item, at + segment(i, inSecret), inSecret]));
        else for (const [k, item] of Object.entries(v)) todo.push([item, at + segment(k, inSecret), inSecret]);
    }
    return paths;
}

/**
 * The fields the reads name, as paths from the first root that holds them (`spec.template.spec.hostNetwork`,
 * `the provider's namespace`); a read in an object of no root (a view built by an adapter) names its key alone.
 */
export function unknownFields(reads: readonly UnknownRead[], roots: readonly UnknownRoot[]): string[] {
    const found = new Set<string>();
    let walked: { paths: ReturnType<typeof objectPaths>; prefix: string }[] | undefined;
    for (const { parent, key } of reads) {
        if (parent === undefined || key === undefined) continue;
        walked ??= roots.map(r => ({ paths: objectPaths(r.root), prefix: r.prefix }));
        const root = walked.find(w => w.paths.has(parent));
        const where = root?.paths.get(parent);
        const path = (where?.at ?? "") + segment(key, where?.inSecret ?? false);
        found.add(`${root?.prefix ?? ""}${path.replace(/^\./, "")}`);
    }
    return [...found];
}

/** The object at a path, or undefined (missing, unknown or not an object). */
export function obj(o: unknown, ...path: (string | number)[]): Obj | undefined {
    const v = get(o, ...path);
    return isObj(v) ? v : undefined;
}

/** The array at a path, or [] (missing, unknown or not an array). */
export function arr(o: unknown, ...path: (string | number)[]): unknown[] {
    const v = get(o, ...path);
    return Array.isArray(v) ? v : [];
}

export function str(o: unknown, ...path: (string | number)[]): string | undefined {
    const v = get(o, ...path);
    return typeof v === "string" ? v : undefined;
}

/** The string at a path, UNKNOWN while it is computed, or undefined (missing or of another type). */
export function strOrUnknown(o: unknown, ...path: (string | number)[]): string | Unknown | undefined {
    const v = get(o, ...path);
    return v === UNKNOWN || typeof v === "string" ? v : undefined;
}

/** Like strOrUnknown, but an empty string counts as missing (names, namespaces, ids). */
export function textOrUnknown(o: unknown, ...path: (string | number)[]): string | Unknown | undefined {
    const v = strOrUnknown(o, ...path);
    return v === "" ? undefined : v;
}

/** A string equal to `expected` ignoring case (AKS enums and map keys, ARM booleans, Azure ids). */
export function sameIgnoringCase(v: unknown, expected: string): boolean {
    return typeof v === "string" && v.toLowerCase() === expected.toLowerCase();
}

/** A boolean setting that is on: `true`, or the string "true" in any case (ARM JSON may carry either). */
export function isTrue(v: unknown): boolean {
    return v === true || sameIgnoringCase(v, "true");
}

/** A boolean setting that is off: `false`, or the string "false" in any case (ARM JSON may carry either). */
export function isFalse(v: unknown): boolean {
    return v === false || sameIgnoringCase(v, "false");
}

/**
 * How a message mentions a value it found: booleans, numbers and null as they are, anything else
 * by its type only. The pack cannot tell which values were secrets (the SDK unwraps them before a
 * policy sees them), so messages never repeat a string from the resource: they name the field.
 */
export function show(v: unknown): string {
    if (v === UNKNOWN) return "an unknown value";
    if (v === null || typeof v === "boolean" || typeof v === "number") return String(v);
    if (typeof v === "string") return "a string";
    return Array.isArray(v) ? "a list" : "an object";
}
