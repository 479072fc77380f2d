// The pack as @pulumi/policy registers it: its name and arguments, with the metadata Pulumi Cloud
// shows (display name, readme, provider, tags, repository). index.ts serves them to the Pulumi
// engine; `aks-guard check` evaluates the same object in process (harness/inprocess.ts).
import type { PolicyPackArgs } from "@pulumi/policy";
import { policies } from "./catalog";
import { AksGuardPolicy, DOCS_URL, PRACTICES, Practice, remediable, REPOSITORY_URL } from "./lib/policy";

export const PACK_NAME = "aks-guard";

const DESCRIPTION = "Stops insecure AKS clusters and Kubernetes workloads: the twelve AKS hardening practices as policies.";

/** The pack's readme in Pulumi Cloud: what it covers, counted from the catalog, and where each policy is documented. */
export function packReadme(catalog: readonly AksGuardPolicy[]): string {
    const mandatory = catalog.filter(p => p.enforcementLevel === "mandatory").length;
    const stack = catalog.filter(p => "validateStack" in p).length;
    const lines = [
        `# aks-guard`,
        "",
        DESCRIPTION,
        "",
        `${catalog.length} policies: ${mandatory} mandatory and ${catalog.length - mandatory} advisory by default, ` +
        `${catalog.filter(remediable).length} with an automatic fix (remediate), ${stack} judging the whole stack as well as or instead of single resources.`,
        "",
        "| practice | policies |",
        "|---|---|",
    ];
    // In the article's order ("6.1" after "6"; object keys would put the integers first).
    const order = (Object.keys(PRACTICES) as Practice[]).sort((a, b) => (a === "extra" ? Infinity : parseFloat(a)) - (b === "extra" ? Infinity : parseFloat(b)));
    for (const practice of order) {
        const n = catalog.filter(p => p.practice === practice).length;
        if (n > 0) lines.push(`| ${practice === "extra" ? "" : `${practice} `}${PRACTICES[practice]} | ${n} |`);
    }
    lines.push("", `Each policy's rule, config keys and fix: ${DOCS_URL}. Source and the aks-guard command line: ${REPOSITORY_URL}.`);
    return lines.join("\n") + "\n";
}

export const packArgs: PolicyPackArgs = {
    description: DESCRIPTION,
    displayName: "aks-guard: AKS and Kubernetes hardening",
    readme: packReadme(policies),
    provider: "azure",
    tags: ["aks", "azure", "kubernetes", "security", "hardening"],
    repository: REPOSITORY_URL,
    policies,
};
