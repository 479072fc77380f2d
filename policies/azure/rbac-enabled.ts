// aks-rbac-enabled
// A cluster keeps Kubernetes RBAC on: enableRBAC is not false. Leaving it unset is Azure's
// default (RBAC on), so only an explicit false (or the string "false", as ARM JSON may carry it)
// is a violation.
import { clusterPolicy } from "../lib/azure";
import { get, isFalse } from "../lib/values";

export const rbacEnabled = clusterPolicy({
    name: "aks-rbac-enabled",
    practice: "6.1",
    description: "AKS clusters must keep Kubernetes RBAC enabled (enableRBAC not false).",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Remove enableRBAC: false from the ManagedCluster (or set it to true); RBAC cannot be turned on in place, so the cluster is recreated.",
}, (cluster, _cfg, report) => {
    if (isFalse(get(cluster.props, "enableRBAC"))) report(`sets ${cluster.fields("enableRBAC").name} to false; set it to true (or leave it unset) so that Kubernetes RBAC authorizes every request.`);
});
