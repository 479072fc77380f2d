// k8s-namespace-resource-quota
// Every Namespace the stack creates has a ResourceQuota or a LimitRange in it, so that one team's
// workloads cannot take the cluster's memory and CPU from the others. A quota whose namespace is
// not known yet (computed) may be the one: the verdict is deferred. Namespaces the stack only
// deploys into are the business of whoever creates them.
import { judgedNamespaces, namespaceLabel, namespaceUrn, STACK_NAMESPACE_TYPES, stackNamespaces } from "../lib/namespaces";
import { stackPolicy } from "../lib/policy";

export const namespaceResourceQuota = stackPolicy({
    name: "k8s-namespace-resource-quota",
    practice: "5",
    description: "Every Namespace the stack creates must have a ResourceQuota or LimitRange.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Add a ResourceQuota (requests.cpu, requests.memory, limits.memory, pods) and/or a LimitRange with default container requests and limits to the namespace.",
}, true, STACK_NAMESPACE_TYPES, (resources, cfg, report) => {
    const st = stackNamespaces(resources, cfg);
    if (st.unplacedQuotas > 0) return;
    for (const ns of judgedNamespaces(st, cfg, false)) {
        if (ns.quotas.length > 0) continue;
        report(`${namespaceLabel(ns)} has no ResourceQuota or LimitRange; add one with metadata.namespace "${ns.name}" to bound its CPU and memory.`, namespaceUrn(ns));
    }
});
