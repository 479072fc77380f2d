// `--policy NAME` (repeatable): only the named policies run. It is written into the policy config
// (every other policy `disabled`), so any evaluator that takes the config, the pack over gRPC or in
// process, runs exactly those, and the exit code follows them.

/** The names of the pack's policies (its catalog), loaded only when --policy needs them. */
export function policyNames(): string[] {
    const { policies } = require("../policies/catalog") as { policies: { name: string }[] };
    return policies.map(p => p.name);
}

/** A --policy name the pack does not have. */
export class UnknownPolicy extends Error {}

/**
 * The raw config JSON (as a `--policy-pack-config` file holds it) with every policy not in
 * `wanted` disabled; the wanted ones keep what the config gives them. A config that is not an
 * object is returned as it is, for the config parser to report.
 */
export function selectPolicies(given: unknown, wanted: string[], known: string[]): unknown {
    for (const name of wanted) {
        if (!known.includes(name)) {
            const near = nearest(name, known);
            throw new UnknownPolicy(`--policy: the pack has no policy "${name}"` +
                (near ? `; did you mean "${near}"?` : "; `aks-guard list` shows the catalog"));
        }
    }
    if (given === null || given === undefined) given = {};
    if (typeof given !== "object" || Array.isArray(given)) return given;
    const out: Record<string, unknown> = { ...(given as Record<string, unknown>) };
    for (const name of known) {
        if (wanted.includes(name)) continue;
        const entry = out[name];
        if (entry !== null && typeof entry === "object" && !Array.isArray(entry)) out[name] = { ...entry, enforcementLevel: "disabled" };
        else if (entry === undefined || typeof entry === "string") out[name] = "disabled";
        // anything else is invalid config: left for the config parser to name
    }
    return out;
}

/** The known name closest to `name` by edit distance, when it is close enough to be a typo. */
export function nearest(name: string, known: string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const k of known) {
        const d = editDistance(name.toLowerCase(), k.toLowerCase());
        if (d < bestDistance) { best = k; bestDistance = d; }
    }
    // A typo, or the name without its prefix (e.g. "no-host-path-volumes").
    if (best !== undefined && bestDistance <= Math.max(3, Math.floor(name.length / 3))) return best;
    return name.length >= 4 ? known.find(k => k.includes(name.toLowerCase())) : undefined;
}

function editDistance(a: string, b: string): number {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
    }
    return prev[b.length];
}
