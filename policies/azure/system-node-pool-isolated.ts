// aks-system-node-pool-isolated
// System pods run apart from application pods: every System node pool carries the taint
// CriticalAddonsOnly=true:NoSchedule (in nodeTaints; NoExecute, stricter, also counts), and each
// cluster has at least one node pool with mode User for the workloads, in its own
// agentPoolProfiles or as an AgentPool resource of the stack that belongs to it (by dependency or
// by resourceName and resourceGroupName). A stack policy, because the recommended layout keeps
// User pools as separate AgentPool resources, which the cluster resource cannot see.
// A pool of agentPoolProfiles without a mode counts as System (AKS needs one and makes the
// cluster's own pool one); an AgentPool without a mode is a User pool (AKS's default there).
// A ManagedSystem pool is isolated by AKS itself.
import { CLUSTER_TYPES, isAgentPool, NODE_POOL_TYPES, NodePoolView, nodePoolViews } from "../lib/azure";
import { azureClusterLanding } from "../lib/azure";
import { linkPoolToCluster, stackClusters } from "../lib/azure-stack";
import { isExempt } from "../lib/exemptions";
import { stackPolicy } from "../lib/policy";
import { allOf, anyOf, arr, get, rawProps, sameIgnoringCase, show, UNKNOWN } from "../lib/values";

const TAINTS = ["CriticalAddonsOnly=true:NoSchedule", "CriticalAddonsOnly=true:NoExecute"];

/** The pool's mode as AKS reads it: unset is System in a cluster, User as an AgentPool. */
function mode(pool: NodePoolView): "System" | "User" | "other" | typeof UNKNOWN {
    const m = get(pool.pool, "mode");
    if (m === UNKNOWN) return UNKNOWN;
    if (m === undefined || m === null) return pool.separate ? "User" : "System";
    return sameIgnoringCase(m, "System") ? "System" : sameIgnoringCase(m, "User") ? "User" : "other";
}

/** What is wrong with a System pool's taints, if anything is known to be. */
function untainted(pool: NodePoolView): string | undefined {
    if (mode(pool) !== "System") return undefined;
    const taints = get(pool.pool, "nodeTaints");
    if (taints === UNKNOWN) return undefined;
    const items = arr(pool.pool, "nodeTaints").map(t => get(t));
    if (items.some(t => typeof t === "string" && TAINTS.includes(t.trim())) || items.includes(UNKNOWN)) return undefined;
    const field = pool.field("nodeTaints");
    // The classic default pool has no taint list: onlyCriticalAddonsEnabled sets the taint.
    if (field.fix) return `${pool.label} is a System pool and ${field.name} is not true; ${field.fix}.`;
    const now = taints === undefined || taints === null ? "has no" : Array.isArray(taints) ? "lacks the taint in its" : `has ${show(taints)} as`;
    return `${pool.label} is a System pool and ${now} ${field.name}; add "CriticalAddonsOnly=true:NoSchedule" so that only system pods run there.`;
}

export const systemNodePoolIsolated = stackPolicy({
    name: "aks-system-node-pool-isolated",
    practice: "6.2",
    description: "AKS System node pools should be tainted CriticalAddonsOnly=true:NoSchedule and workloads should run on a separate User node pool.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Add \"CriticalAddonsOnly=true:NoSchedule\" to nodeTaints of every System node pool and add a node pool with mode: \"User\" for application workloads.",
}, false, [...CLUSTER_TYPES, ...NODE_POOL_TYPES], (resources, cfg, report) => {
    const agentPools = [];
    for (const r of resources) {
        const props = rawProps(r.props);
        if (isExempt(cfg, azureClusterLanding(r.name, r.type, props))) continue;
        if (isAgentPool(r.type)) agentPools.push({ resource: r, props });
        const label = `${r.type.slice(r.type.lastIndexOf(":") + 1)} "${r.name}"`;
        for (const pool of nodePoolViews(r.type, props, r.name)) {
            const problem = untainted(pool);
            if (problem) report(`${label}: ${problem}`, r.urn);
        }
    }
    for (const c of stackClusters(resources, cfg)) {
        if (c.view.poolsUnknown) continue;
        const own = c.view.pools.map(mode);
        if (own.includes("User") || own.includes(UNKNOWN)) continue;
        const separate = anyOf(...agentPools.map(p => {
            const m = mode(nodePoolViews(p.resource.type, p.props, p.resource.name)[0]);
            return allOf(m === UNKNOWN ? UNKNOWN : m === "User", linkPoolToCluster(p, c));
        }));
        if (separate !== false) continue;
        report(`${c.label}: has no node pool with mode User, neither in agentPoolProfiles nor as an AgentPool of the stack; add a User pool for application workloads so that they stay off the System pool.`, c.resource.urn);
    }
});
