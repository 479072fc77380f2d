// A value marked secret is never printed, wherever it sits (SPEC, round 3): a stack export or a
// preview may mark a name, a namespace or a whole metadata object secret, and the pack sees those
// values unwrapped (the SDK unwraps secrets before a policy reads them), so its messages would
// repeat them (`Deployment "secret-ns/secret-name"`). The command knows which values were secret
// before it ran the pack: every string and key inside a secret that could be printed as a name
// (one line, at most MAX_SECRET_TEXT characters) is written `[secret]` in every report and warning.
// A match must stand alone (no letter or digit right before or after it), so that a short secret
// does not mask the middle of a word. Keys inside a secret are data when they are keys of a map
// Kubernetes fills with data (labels, annotations, a ConfigMap's data, a selector) or have
// characters no field name has (`hidden.io/key`): those are masked. Other keys (`name`, `labels`)
// are schema field names, printed in every message's field paths, and stay readable.
import { isSecret, ResourceInput } from "../../harness/protocol";
import { Report } from "./model";

/** Longer than any Kubernetes name, namespace or annotation key (253, 63, 317): such a secret is never printed as one. */
export const MAX_SECRET_TEXT = 512;
/** Shorter secrets are not masked: one character would mask every such letter standing alone. */
export const MIN_SECRET_TEXT = 2;

export const SECRET_MASK = "[secret]";

/** A key that reads as a schema field name, not as data. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Fields whose keys are data: Kubernetes' string maps (ObjectMeta, ConfigMap, Secret, selectors, node selectors). */
const DATA_MAPS = new Set(["labels", "annotations", "data", "stringData", "binaryData", "matchLabels", "nodeSelector", "selector"]);

/** The printable texts inside the secret values of `inputs` (their properties and their providers'), walked without recursion. */
export function secretTexts(inputs: readonly ResourceInput[]): string[] {
    const found = new Set<string>();
    const note = (s: string) => {
        if (s.length >= MIN_SECRET_TEXT && s.length <= MAX_SECRET_TEXT && !/[\r\n\u2028\u2029\u0085]/.test(s)) found.add(s);
    };
    // [value, inside a secret, the key it sits under]
    const todo: [unknown, boolean, string | undefined][] = [];
    for (const r of inputs) todo.push([r.props, false, undefined], [r.provider?.props, false, undefined]);
    while (todo.length) {
        const [v, inSecret, under] = todo.pop()!;
        if (typeof v === "string") {
            if (inSecret) note(v);
            continue;
        }
        if (v === null || typeof v !== "object") continue;
        if (isSecret(v)) {
            todo.push([(v as Record<string, unknown>).value, true, under]);
            continue;
        }
        if (Array.isArray(v)) {
            for (const item of v) todo.push([item, inSecret, under]);
            continue;
        }
        const dataKeys = under !== undefined && DATA_MAPS.has(under);
        for (const [k, item] of Object.entries(v)) {
            if (inSecret && (dataKeys || !FIELD_NAME.test(k))) note(k);
            todo.push([item, inSecret, k]);
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
