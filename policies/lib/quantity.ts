// Kubernetes resource quantities (`128Mi`, `0.5`, `500m`, `1e3`, `2G`), parsed exactly so that
// requests, limits and configured bounds compare the way the API server compares them. A value
// that is not a quantity is reported as malformed by the caller; parsing never throws.

/** An exact value: num / den, den > 0. */
export interface Quantity {
    num: bigint;
    den: bigint;
}

/** The grammar of k8s.io/apimachinery resource.Quantity: sign, number, then one suffix. */
const QUANTITY_RE = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?[0-9]+|n|u|m|k|M|G|T|P|E)?$/;

/** The same grammar for a JSON-schema `pattern` (config validation). */
export const QUANTITY_PATTERN = QUANTITY_RE.source;

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

// Bounds that keep hostile input cheap: no real quantity comes near them.
const MAX_LENGTH = 64;
const MAX_EXPONENT = 400;

/** A string or number as a quantity; undefined when it is not one (wrong type, malformed, absurd). */
export function parseQuantity(v: unknown): Quantity | undefined {
    let text: string;
    if (typeof v === "number") {
        if (!Number.isFinite(v)) return undefined;
        text = String(v).replace("e+", "e");
    } else if (typeof v === "string") {
        text = v;
    } else {
        return undefined;
    }
    if (text.length === 0 || text.length > MAX_LENGTH) return undefined;
    const m = QUANTITY_RE.exec(text);
    if (!m) return undefined;
    const [, sign, number, suffix = ""] = m;
    const [whole, frac = ""] = number.split(".");
    let num = BigInt((whole || "0") + frac);
    let den = 10n ** BigInt(frac.length);
    let exp10 = 0;
    if (suffix in BINARY) num *= 2n ** BigInt(BINARY[suffix]);
    else if (suffix in DECIMAL) exp10 = DECIMAL[suffix];
    else if (suffix !== "") exp10 = Number(suffix.slice(1));
    if (Math.abs(exp10) > MAX_EXPONENT) return undefined;
    if (exp10 >= 0) num *= 10n ** BigInt(exp10);
    else den *= 10n ** BigInt(-exp10);
    return { num: sign === "-" ? -num : num, den };
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compareQuantities(a: Quantity, b: Quantity): number {
    const l = a.num * b.den;
    const r = b.num * a.den;
    return l < r ? -1 : l > r ? 1 : 0;
}

export function isNegative(q: Quantity): boolean {
    return q.num < 0n;
}
