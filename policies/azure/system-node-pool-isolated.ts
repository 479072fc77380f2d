// aks-system-node-pool-isolated
// System pods run apart from application pods: every System node pool carries the taint
// CriticalAddonsOnly=true:NoSchedule (in nodeTaints; NoExecute, stricter, also counts), and the
// cluster has at least one node pool with mode User for the workloads.
// A pool of agentPoolProfiles without a mode counts as System (AKS needs one and makes the
// cluster's own pool one); an AgentPool without a mode is a User pool (AKS's default there).
// A ManagedSystem pool is isolated by AKS itself. The User pool is looked for in the cluster's own
// agentPoolProfiles: a cluster cannot see pools declared as separate AgentPool resources, so a
// cluster that keeps all its User pools there is reported too (exempt it with excludeResources);
// System AgentPool resources are judged for the taint on their own.
import { aksPolicy, NodePoolView, sameEnum } from "../lib/azure";
import { arr, get, show, UNKNOWN } from "../lib/values";

const TAINTS = ["CriticalAddonsOnly=true:NoSchedule", "CriticalAddonsOnly=true:NoExecute"];

/** The pool's mode as AKS reads it: unset is System in a cluster, User as an AgentPool. */
function mode(pool: NodePoolView): "System" | "User" | "other" | typeof UNKNOWN {
    const m = get(pool.pool, "mode");
    if (m === UNKNOWN) return UNKNOWN;
    if (m === undefined || m === null) return pool.separate ? "User" : "System";
    return sameEnum(m, "System") ? "System" : sameEnum(m, "User") ? "User" : "other";
}

export const systemNodePoolIsolated = aksPolicy({
    name: "aks-system-node-pool-isolated",
    practice: "6.2",
    description: "AKS System node pools should be tainted CriticalAddonsOnly=true:NoSchedule and workloads should run on a separate User node pool.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Add \"CriticalAddonsOnly=true:NoSchedule\" to nodeTaints of every System node pool and add a node pool with mode: \"User\" for application workloads.",
}, {
    cluster: (cluster, _cfg, report) => {
        if (cluster.poolsUnknown) return;
        const modes = cluster.pools.map(mode);
        if (modes.includes("User") || modes.includes(UNKNOWN)) return;
        report("has no node pool with mode User in agentPoolProfiles; add a User pool for application workloads so that they stay off the System pool.");
    },
    nodePool: (pool, _cfg, report) => {
        if (mode(pool) !== "System") return;
        const field = `${pool.path}nodeTaints`;
        const taints = get(pool.pool, "nodeTaints");
        if (taints === UNKNOWN) return;
        const items = arr(pool.pool, "nodeTaints").map(t => get(t));
        if (items.some(t => typeof t === "string" && TAINTS.includes(t.trim()))) return;
        if (items.includes(UNKNOWN)) return;
        const now = taints === undefined || taints === null ? "has no" : Array.isArray(taints) ? "lacks the taint in its" : `has ${show(taints)} as`;
        report(`${pool.label} is a System pool and ${now} ${field}; add "CriticalAddonsOnly=true:NoSchedule" so that only system pods run there.`);
    },
});
