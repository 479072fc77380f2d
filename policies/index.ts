// The catalog as a library, for an organisation that builds its own pack from aks-guard's
// policies plus its own (`import { policies, selectPolicies } from "aks-guard/policies"`).
// Importing this module declares no pack: `dist/index.js` is the aks-guard pack itself.
import type { Severity } from "@pulumi/policy";
import { policies } from "./catalog";
import { globMatch } from "./lib/exemptions";
import { AksGuardPolicy, Practice, PRACTICES } from "./lib/policy";

export { policies, PRACTICES };
export type { AksGuardPolicy, Practice, Severity };

/** Which policies to take. Each criterion given must hold; within one, any value may match. */
export interface PolicySelection {
    /** Practices: "4", "6.1", or a major number ("6" takes 6.1 and 6.2); "extra" for the additional ones. */
    practices?: string[];
    severities?: Severity[];
    /** Policy names or globs (`k8s-*`). */
    names?: string[];
    /** Policy names or globs left out of what the other criteria select. */
    exclude?: string[];
}

const SEVERITIES: readonly Severity[] = ["low", "medium", "high", "critical"];

/**
 * The catalog's policies that `selection` picks, in catalog order. A practice, severity or
 * exact name that the catalog does not have is an error (a typo would otherwise select nothing).
 */
export function selectPolicies(selection: PolicySelection = {}): AksGuardPolicy[] {
    const { practices, severities, names, exclude } = selection;
    for (const p of practices ?? []) {
        if (!Object.keys(PRACTICES).some(k => k === p || k.split(".")[0] === p)) throw new Error(`selectPolicies: no practice "${p}" (practices: ${Object.keys(PRACTICES).join(", ")})`);
    }
    for (const s of severities ?? []) {
        if (!SEVERITIES.includes(s)) throw new Error(`selectPolicies: no severity "${s}" (severities: ${SEVERITIES.join(", ")})`);
    }
    for (const n of [...(names ?? []), ...(exclude ?? [])]) {
        if (!policies.some(p => globMatch(n, p.name))) throw new Error(`selectPolicies: no policy matches "${n}"`);
    }
    return policies.filter(p =>
        (!practices || practices.some(x => p.practice === x || p.practice.split(".")[0] === x)) &&
        (!severities || severities.includes(p.severity as Severity)) &&
        (!names || names.some(n => globMatch(n, p.name))) &&
        !(exclude ?? []).some(n => globMatch(n, p.name)));
}
