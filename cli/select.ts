// `--policy NAME` (repeatable): only the named policies run. It is written into the policy config
// (every other policy `disabled`), so any evaluator that takes the config, the pack over gRPC or in
// process, runs exactly those, and the exit code follows them.
import { nearest } from "../harness/config";

export { nearest };

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
