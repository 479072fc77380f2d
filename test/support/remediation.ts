// Remediation through the harness: the policy at level `remediate`, one resource through the
// engine's Remediate + Analyze, and what came out.
import { ResourceInput } from "../../harness";
import { session } from "./util";

export interface Remediated {
    /** The properties after every remediation (the input when nothing changed). */
    props: Record<string, unknown>;
    /** True when the policy returned new properties. */
    changed: boolean;
    /** The resource with the remediated properties, to judge again. */
    resource: ResourceInput;
}

/** Runs `policy` as `remediate` (every other policy disabled) on one resource. */
export async function remediate(policy: string, r: ResourceInput, config: Record<string, unknown> = {}): Promise<Remediated> {
    const s = await session();
    await s.reconfigure({ all: "disabled", [policy]: { enforcementLevel: "remediate", ...config } });
    const result = await s.analyzeResource(r);
    const changed = result.remediations.some(x => x.policyName === policy && x.properties !== undefined);
    return { props: result.props, changed, resource: { ...r, props: result.props } };
}

/** The properties as the engine sends them (undefined fields dropped), for comparing with remediated ones. */
export function plain(props: Record<string, unknown>): Record<string, unknown> {
    return JSON.parse(JSON.stringify(props));
}
