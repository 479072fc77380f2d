// A value marked secret is never printed, wherever it sits (SPEC, round 3): a stack export or a
// preview may mark a name, a namespace or a whole metadata object secret, and the pack sees those
// values unwrapped (the SDK unwraps secrets before a policy reads them), so its messages would
// repeat them (`Deployment "secret-ns/secret-name"`). The command knows which values were secret
// before it ran the pack: every string and key inside a secret that could be printed as a name
// (one line, at most MAX_SECRET_TEXT characters) is written `[secret]` in every report and warning.
// A match must stand alone (no letter or digit right before or after it), so that a short secret
// does not mask the middle of a word. A key inside a secret that is a plain identifier (`name`,
// `labels`, `namespace`) reads as a schema field and is printed: masking it would mask the field
// names of every message. A key with other characters (`hidden.io/key`, an annotation or label key
// with a prefix) is masked; a secret label key of letters alone (`team`) is not.
import { isSecret, ResourceInput } from "../../harness/protocol";
import { Report } from "./model";

/** Longer than any Kubernetes name, namespace or annotation key (253, 63, 317): such a secret is never printed as one. */
export const MAX_SECRET_TEXT = 512;
/** Shorter secrets are not masked: one character would mask every such letter standing alone. */
export const MIN_SECRET_TEXT = 2;

export const SECRET_MASK = "[secret]";

/** A key that reads as a schema field name, not as data. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The printable texts inside the secret values of `inputs` (their properties and their providers'), walked without recursion. */
export function secretTexts(inputs: readonly ResourceInput[]): string[] {
    const found = new Set<string>();
    const note = (s: string) => {
        if (s.length >= MIN_SECRET_TEXT && s.length <= MAX_SECRET_TEXT && !/[\r\n\u2028\u2029\u0085]/.test(s)) found.add(s);
    };
    const todo: [unknown, boolean][] = [];
    for (const r of inputs) todo.push([r.props, false], [r.provider?.props, false]);
    while (todo.length) {
        const [v, inSecret] = todo.pop()!;
        if (typeof v === "string") {
            if (inSecret) note(v);
            continue;
        }
        if (v === null || typeof v !== "object") continue;
        if (isSecret(v)) {
            todo.push([(v as Record<string, unknown>).value, true]);
            continue;
        }
        if (Array.isArray(v)) {
            for (const item of v) todo.push([item, inSecret]);
            continue;
        }
        for (const [k, item] of Object.entries(v)) {
            if (inSecret && !FIELD_NAME.test(k)) note(k);
            todo.push([item, inSecret]);
        }
    }
    return [...found];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `s` with every standalone occurrence of a secret text masked (the longest first); the identity when there are none. */
export function secretMasker(secrets: readonly string[]): (s: string) => string {
    if (secrets.length === 0) return s => s;
    const alternatives = [...secrets].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|");
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, "gu");
    return s => s.replace(pattern, SECRET_MASK);
}

/** Masks the secrets in everything a report prints that comes from the pack or the input: messages, reasons, names, warnings. */
export function maskReport(report: Report, mask: (s: string) => string): void {
    for (const f of report.findings) f.message = mask(f.message);
    for (const d of report.deferred) d.reason = mask(d.reason);
    for (const r of report.resources) r.name = mask(r.name);
    report.warnings = report.warnings.map(mask);
}
