// ARM template expressions (`"[...]"`) that can be known before deployment: made only of literals
// (strings in single quotes, integers, true/false), the template's own parameters() with a literal
// value and variables() with a literal value, combined by bool, int, string, concat, if, not, and,
// or, equals, toLower, toUpper, json, createArray and createObject, with the semantics of Azure's
// template function reference. Anything else (reference(), resourceGroup(), property access, a
// parameter without a default, an argument of a type the function does not take) is unknown until
// deployment: evaluate returns undefined.
import { isObj, Obj } from "../../policies/lib/values";

/** What expressions may be resolved against: literal parameter values and variables. */
export interface Scope { parameters: Obj; variables: Obj }

type Expr = { lit: unknown } | { call: string; args: Expr[] };

/** Unknown until deployment. */
const UNKNOWN = Symbol("unknown until deployment");

/** The parse of an expression's text (inside the brackets), or undefined if it is not one this reads. */
function parse(text: string): Expr | undefined {
    let i = 0;
    const blank = () => { while (i < text.length && /\s/.test(text[i])) i++; };
    const expr = (): Expr | undefined => {
        blank();
        if (text[i] === "'") {
            let s = "";
            for (i++; ; i++) {
                if (i >= text.length) return undefined;
                if (text[i] === "'") {
                    if (text[i + 1] === "'") { s += "'"; i++; continue; }
                    i++;
                    return { lit: s };
                }
                s += text[i];
            }
        }
        const num = /^-?\d+/.exec(text.slice(i));
        if (num) { i += num[0].length; return { lit: Number(num[0]) }; }
        const name = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
        if (!name) return undefined;
        i += name[0].length;
        blank();
        if (text[i] !== "(") return undefined;
        i++;
        const args: Expr[] = [];
        blank();
        if (text[i] === ")") { i++; return { call: name[0].toLowerCase(), args }; }
        while (true) {
            const a = expr();
            if (!a) return undefined;
            args.push(a);
            blank();
            if (text[i] === ",") { i++; continue; }
            if (text[i] === ")") { i++; return { call: name[0].toLowerCase(), args }; }
            return undefined; // property access (`.x`), indexing (`[0]`) and anything else: not read here
        }
    };
    const e = expr();
    blank();
    return e && i === text.length ? e : undefined;
}

/** A literal: no expression string anywhere inside. */
export function isLiteral(v: unknown): boolean {
    if (typeof v === "string") return !isExpression(v);
    if (Array.isArray(v)) return v.every(isLiteral);
    if (isObj(v)) return Object.values(v).every(isLiteral);
    return true;
}

/** `[...]` is an ARM template expression; `[[...` is a literal starting with `[`. */
export const isExpression = (v: string) => v.startsWith("[") && v.endsWith("]") && !v.startsWith("[[");

const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

function deepEqual(a: unknown, b: unknown): boolean | typeof UNKNOWN {
    if (typeof a === "string" && typeof b === "string") {
        // Whether equals() ignores case is not stated by the reference: strings differing only in case stay unknown.
        return a === b ? true : a.toLowerCase() === b.toLowerCase() ? UNKNOWN : false;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
        if (a.length !== b.length) return false;
        let r: boolean | typeof UNKNOWN = true;
        for (let k = 0; k < a.length; k++) {
            const e = deepEqual(a[k], b[k]);
            if (e === false) return false;
            if (e === UNKNOWN) r = UNKNOWN;
        }
        return r;
    }
    if (isObj(a) && isObj(b)) {
        const ka = Object.keys(a), kb = Object.keys(b);
        if (ka.length !== kb.length || !ka.every(k => k in b)) return false;
        return deepEqual(ka.map(k => a[k]), ka.map(k => b[k]));
    }
    return a === b;
}

function evalExpr(e: Expr, scope: Scope, depth: number): unknown {
    if ("lit" in e) return e.lit;
    if (depth > 64) return UNKNOWN;
    const arg = (k: number) => (k < e.args.length ? evalExpr(e.args[k], scope, depth + 1) : UNKNOWN);
    const all = () => e.args.map((_, k) => arg(k));
    switch (e.call) {
        case "parameters": case "variables": {
            if (e.args.length !== 1) return UNKNOWN;
            const name = arg(0);
            const table = e.call === "parameters" ? scope.parameters : scope.variables;
            if (typeof name !== "string" || !Object.prototype.hasOwnProperty.call(table, name)) return UNKNOWN;
            const v = table[name];
            return isLiteral(v) ? v : UNKNOWN;
        }
        case "true": return e.args.length ? UNKNOWN : true;
        case "false": return e.args.length ? UNKNOWN : false;
        case "bool": {
            // A string is true when it is "true" in any case, else false; an integer is false only when 0.
            const v = arg(0);
            return e.args.length !== 1 ? UNKNOWN : typeof v === "string" ? v.toLowerCase() === "true" : isInt(v) ? v !== 0 : typeof v === "boolean" ? v : UNKNOWN;
        }
        case "int": {
            const v = arg(0);
            if (isInt(v)) return v;
            return typeof v === "string" && /^\s*[-+]?\d+\s*$/.test(v) ? Number(v) : UNKNOWN;
        }
        case "string": {
            const v = arg(0);
            return typeof v === "string" ? v : isInt(v) ? String(v) : UNKNOWN; // bool, object, array: their text is not read here
        }
        case "concat": {
            const vs = all();
            if (vs.length && vs.every(Array.isArray)) return ([] as unknown[]).concat(...vs);
            return vs.every(v => typeof v === "string" || isInt(v)) ? vs.join("") : UNKNOWN;
        }
        case "if": {
            if (e.args.length !== 3) return UNKNOWN;
            const c = arg(0);
            return c === true ? arg(1) : c === false ? arg(2) : UNKNOWN; // only the branch taken is evaluated
        }
        case "not": {
            const v = arg(0);
            return e.args.length === 1 && typeof v === "boolean" ? !v : UNKNOWN;
        }
        case "and": case "or": {
            const vs = all();
            if (vs.length < 2 || vs.some(v => v !== UNKNOWN && typeof v !== "boolean")) return UNKNOWN;
            const decisive = e.call === "and" ? false : true;
            return vs.includes(decisive) ? decisive : vs.includes(UNKNOWN) ? UNKNOWN : !decisive;
        }
        case "equals": {
            if (e.args.length !== 2) return UNKNOWN;
            const [a, b] = all();
            return a === UNKNOWN || b === UNKNOWN ? UNKNOWN : deepEqual(a, b);
        }
        case "tolower": case "toupper": {
            const v = arg(0);
            return typeof v !== "string" ? UNKNOWN : e.call === "tolower" ? v.toLowerCase() : v.toUpperCase();
        }
        case "json": {
            const v = arg(0);
            if (typeof v !== "string") return UNKNOWN;
            try { const parsed = JSON.parse(v); return isLiteral(parsed) ? parsed : UNKNOWN; } catch { return UNKNOWN; }
        }
        case "createarray": {
            const vs = all();
            return vs.includes(UNKNOWN) ? UNKNOWN : vs;
        }
        case "createobject": {
            const vs = all();
            if (vs.length % 2 || vs.includes(UNKNOWN)) return UNKNOWN;
            const out: Obj = {};
            for (let k = 0; k < vs.length; k += 2) {
                if (typeof vs[k] !== "string") return UNKNOWN;
                out[vs[k] as string] = vs[k + 1];
            }
            return out;
        }
        default: return UNKNOWN;
    }
}

/** Contains UNKNOWN anywhere (an array or object built from an unknown part). */
const holdsUnknown = (v: unknown): boolean => v === UNKNOWN || (Array.isArray(v) ? v.some(holdsUnknown) : isObj(v) && Object.values(v).some(holdsUnknown));

/** The value of an expression string (`"[...]"`) when it is known before deployment, else undefined. */
export function evaluate(expr: string, scope: Scope): { value: unknown } | undefined {
    const e = parse(expr.slice(1, -1));
    if (!e) return undefined;
    const v = evalExpr(e, scope, 0);
    return holdsUnknown(v) ? undefined : { value: v };
}
