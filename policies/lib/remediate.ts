// Remediation support: a copy of the resource's properties that keeps secrets secret and unknown
// values unknown, and writes that create only what is missing and touch nothing else.
import { Secret } from "@pulumi/policy";
import { isObj, Obj, UNKNOWN, val } from "./values";

/** Nesting beyond this has no place in a Kubernetes object; a fix gives up there rather than overflow the stack. */
const MAX_DEPTH = 200;

/**
 * A deep copy in which secrets stay wrapped (so the engine keeps them secret) and sentinels stay
 * as they are; undefined when the value nests deeper than MAX_DEPTH (no fix is offered then).
 */
export function cloneProps<T>(v: T): T | undefined {
    try {
        return clone(v, 0);
    } catch (e) {
        if (e === TOO_DEEP) return undefined;
        throw e;
    }
}

const TOO_DEEP = new Error("too deep");

function clone<T>(v: T, depth: number): T {
    if (depth > MAX_DEPTH) throw TOO_DEEP;
    if (v instanceof Secret) return new Secret(clone(v.value, depth + 1)) as unknown as T;
    if (Array.isArray(v)) return v.map(x => clone(x, depth + 1)) as unknown as T;
    if (v !== null && typeof v === "object") {
        const out: Obj = {};
        for (const [k, x] of Object.entries(v)) out[k] = clone(x, depth + 1);
        return out as T;
    }
    return v;
}

/**
 * Sets `path` under `target` to `value`, creating missing (or null) objects on the way. Gives up,
 * returning false, where a step is unknown or not an object: those are not ours to overwrite.
 * A value inside a secret is changed inside the secret.
 */
export function setIn(target: Obj, path: string[], value: unknown): boolean {
    let cur: Obj = target;
    for (const key of path.slice(0, -1)) {
        const raw = cur[key];
        const next = val(raw);
        if (next === undefined || next === null) {
            const created: Obj = {};
            cur[key] = created;
            cur = created;
        } else if (isObj(next)) {
            cur = next;
        } else {
            return false;
        }
    }
    const last = path[path.length - 1];
    const old = cur[last];
    if (val(old) === UNKNOWN) return false;
    if (JSON.stringify(val(old)) === JSON.stringify(value)) return false;
    cur[last] = old instanceof Secret ? new Secret(value) : value;
    return true;
}
