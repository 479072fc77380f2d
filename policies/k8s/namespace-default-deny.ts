// k8s-namespace-default-deny
// Every namespace the stack creates or deploys workloads or Services into has a default-deny
// NetworkPolicy (networking.k8s.io/v1 or extensions/v1beta1): one whose spec.podSelector selects
// all pods ({}) and whose effective policyTypes include both Ingress and Egress (when policyTypes
// is unset the API server defaults it to Ingress, plus Egress if spec.egress has rules). Policies
// selecting only some pods, lacking a direction, with a rule that allows all traffic of a direction
// (no peers and no ports, e.g. `ingress: [{}]`), or in another namespace do not count. A policy
// whose namespace, selector, types or rules are not known yet may be the one: the verdict is
// deferred (a policy whose namespace is unknown but that is known not to be a default deny is not).
// The Kubernetes system namespaces (kube-system, kube-public, kube-node-lease) are judged only when
// the stack declares them as Namespace objects: a stack that merely deploys an agent into
// kube-system does not own its network rules.
import { isDefaultDeny, judgedNamespaces, namespaceLabel, namespaceUrn, NetworkPolicyFacts, STACK_NAMESPACE_TYPES, stackNamespaces } from "../lib/namespaces";
import { stackPolicy } from "../lib/policy";
import { UNKNOWN } from "../lib/values";

/** Why a NetworkPolicy is not a default deny (for a known non-default-deny policy). */
function shortfall(np: NetworkPolicyFacts): string {
    const lacks = [np.ingress === false ? "Ingress" : "", np.egress === false ? "Egress" : ""].filter(Boolean);
    const parts = [
        np.selectsAllPods === false ? "selects only some pods" : "",
        lacks.length ? `lacks ${lacks.join(" and ")} in spec.policyTypes` : "",
        np.ingressAllowsAll === true ? "allows all ingress (a spec.ingress rule without from and ports)" : "",
        np.egressAllowsAll === true ? "allows all egress (a spec.egress rule without to and ports)" : "",
    ].filter(Boolean);
    return `${np.label} ${parts.join(" and ")}`;
}

export const namespaceDefaultDeny = stackPolicy({
    name: "k8s-namespace-default-deny",
    practice: "6.2",
    description: "Every namespace the stack creates or deploys into must have a default-deny NetworkPolicy for ingress and egress.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Add a NetworkPolicy to the namespace with spec.podSelector: {} and spec.policyTypes: [Ingress, Egress], then allow the traffic each workload needs (DNS, its callers) with narrower policies.",
}, true, STACK_NAMESPACE_TYPES, (resources, cfg, report) => {
    const st = stackNamespaces(resources, cfg);
    if (st.unplacedNetworkPolicies > 0) return;
    for (const ns of judgedNamespaces(st, cfg, true)) {
        const verdicts = ns.networkPolicies.map(isDefaultDeny);
        if (verdicts.includes(true) || verdicts.includes(UNKNOWN)) continue;
        const found = ns.networkPolicies.length === 0
            ? "has no NetworkPolicy"
            : `has no default-deny NetworkPolicy (${ns.networkPolicies.slice(0, 3).map(shortfall).join("; ")}${ns.networkPolicies.length > 3 ? "; ..." : ""})`;
        report(`${namespaceLabel(ns)} ${found}; add a NetworkPolicy with metadata.namespace "${ns.name}", spec.podSelector: {} and spec.policyTypes: [Ingress, Egress].`, namespaceUrn(ns));
    }
});
