// aks-audit-logs-enabled
// Every AKS cluster of the stack sends its Kubernetes audit log somewhere: an
// azure-native:monitor:DiagnosticSetting whose resourceUri is the cluster (by dependency on it, its
// id, or a managedClusters id with its name) has a logs entry with enabled: true and category
// kube-audit or kube-audit-admin, or categoryGroup allLogs or audit (any case). A setting whose
// link or logs are not known yet defers the verdict. A classic @pulumi/azure KubernetesCluster is
// judged alike, through the classic monitoring DiagnosticSetting (targetResourceId, enabledLogs,
// whose entries are enabled by being there) or an azure-native one.
import { CLUSTER_TYPES, enumIn } from "../lib/azure";
import { CLASSIC } from "../lib/azure-classic";
import { linkByResourceId, stackClusters, StackResource, stackResources } from "../lib/azure-stack";
import { stackPolicy } from "../lib/policy";
import { allOf, anyOf, get, isTrue, Maybe, UNKNOWN } from "../lib/values";

const AUDIT_CATEGORIES = ["kube-audit", "kube-audit-admin"];
const AUDIT_GROUPS = ["allLogs", "audit"];

/** Whether a diagnostic setting enables the audit log: yes, no, or not known yet. */
function enablesAudit(s: StackResource): Maybe {
    const logs = get(s.props, "logs");
    if (logs === UNKNOWN) return UNKNOWN;
    if (!Array.isArray(logs)) return false;
    return anyOf(...logs.map((_, i) => {
        const enabled = get(logs, i, "enabled");
        const category = get(logs, i, "category");
        const group = get(logs, i, "categoryGroup");
        const on = enabled === UNKNOWN ? UNKNOWN : isTrue(enabled);
        const audit = category === UNKNOWN || group === UNKNOWN ? UNKNOWN
            : enumIn(category, AUDIT_CATEGORIES) || enumIn(group, AUDIT_GROUPS);
        return allOf(on, audit);
    }));
}

export const auditLogsEnabled = stackPolicy({
    name: "aks-audit-logs-enabled",
    practice: "9",
    description: "Every AKS cluster must have a diagnostic setting that exports the Kubernetes audit log (kube-audit or kube-audit-admin).",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Add an azure-native:monitor:DiagnosticSetting with resourceUri set to the cluster's id, a workspaceId (or storage/event hub), and logs [{ category: \"kube-audit-admin\", enabled: true }] (or kube-audit, or categoryGroup audit/allLogs).",
}, false, [...CLUSTER_TYPES, "azure-native:monitor:DiagnosticSetting", CLASSIC.diagnosticSetting], (resources, cfg, report) => {
    const settings = stackResources(resources, "monitor", "DiagnosticSetting", cfg);
    for (const c of stackClusters(resources, cfg)) {
        const linked = settings.map((s): { s: StackResource; link: Maybe } => ({ s, link: linkByResourceId(s, "resourceUri", c) }));
        if (anyOf(...linked.map(({ s, link }) => allOf(link, enablesAudit(s)))) !== false) continue;
        const own = linked.filter(l => l.link === true).map(l => `"${l.s.resource.name}"`);
        // The fix in the cluster's own provider.
        const [setting, logs] = c.view.classic
            ? ["azure:monitoring/diagnosticSetting:DiagnosticSetting with targetResourceId = the cluster id", 'enabledLogs [{ category: "kube-audit-admin" }]']
            : ["azure-native:monitor:DiagnosticSetting with resourceUri = the cluster id", 'logs [{ category: "kube-audit-admin", enabled: true }]'];
        report(own.length === 0
            ? `${c.label}: has no diagnostic setting (${setting}) exporting the audit log; add one with ${logs}.`
            : `${c.label}: its diagnostic setting${own.length > 1 ? "s" : ""} ${own.join(", ")} enable${own.length > 1 ? "" : "s"} neither kube-audit nor kube-audit-admin; add ${logs} (or categoryGroup audit).`,
            c.resource.urn);
    }
});
