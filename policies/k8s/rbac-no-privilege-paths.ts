// k8s-rbac-no-privilege-paths
// No Role or ClusterRole grants a known path to cluster takeover, each named so allowedPaths can
// keep it where it is meant (an admission controller's own role, a CSR approver):
// - webhook-config-write: create/update/patch/delete on validating or mutating webhook
//   configurations (a mutating webhook sees and rewrites every object; deleting one drops a guard);
// - csr-approve: update on certificatesigningrequests/approval together with approve on signers,
//   which the authorizer requires both of (a client certificate for any identity, even system:masters);
// - serviceaccount-token-create: create on serviceaccounts/token (a token for any service account);
// - services-status-write: update/patch on services/status (CVE-2020-8554: a LoadBalancer IP that
//   intercepts the cluster's traffic);
// - endpoints-edit: create/update/patch on endpoints or endpointslices in a ClusterRole aggregated
//   to edit (CVE-2021-25740: traffic sent anywhere, across namespaces);
// - pods-attach, pods-portforward: create or get on pods/attach or pods/portforward (older API
//   servers authorize the websocket upgrade with get): the pod's streams and network;
// - persistentvolume-create: create on persistentvolumes (a hostPath PV mounts the node);
// - kube-system-configmap-write: update/patch on configmaps in a ClusterRole or a Role in
//   kube-system (the coredns ConfigMap redirects the cluster's name resolution).
// Rules match as the authorizer matches them (lib/rbac: `*` verbs and resources, `*/sub`, API
// groups); resourceNames restrict a grant but do not remove it. Only grants a rule certainly makes
// are reported; a role whose namespace is not known yet is not judged for kube-system.
import { effectiveNamespace } from "../lib/k8s";
import { objectPolicy } from "../lib/policy";
import { grantedVerbs, ROLE_KINDS, rulesOf } from "../lib/rbac";
import { get, UNKNOWN } from "../lib/values";

interface Path {
    name: string;
    verbs: readonly string[];
    on: readonly (readonly [string, string])[];
    why: string;
}

const WRITE = ["create", "update", "patch", "delete"];
const ADMISSION = "admissionregistration.k8s.io";

const PATHS: readonly Path[] = [
    { name: "webhook-config-write", verbs: WRITE, on: [[ADMISSION, "validatingwebhookconfigurations"], [ADMISSION, "mutatingwebhookconfigurations"]], why: "an admission webhook sees and can rewrite every object the API server admits" },
    { name: "serviceaccount-token-create", verbs: ["create"], on: [["", "serviceaccounts/token"]], why: "it mints a token for any service account in scope" },
    { name: "services-status-write", verbs: ["update", "patch"], on: [["", "services/status"]], why: "a LoadBalancer status IP intercepts cluster traffic (CVE-2020-8554)" },
    { name: "pods-attach", verbs: ["create", "get"], on: [["", "pods/attach"]], why: "it attaches to the streams of any pod in scope" },
    { name: "pods-portforward", verbs: ["create", "get"], on: [["", "pods/portforward"]], why: "it reaches any pod's ports past network policies" },
    { name: "persistentvolume-create", verbs: ["create"], on: [["", "persistentvolumes"]], why: "a hostPath PersistentVolume mounts the node's filesystem" },
];
const ENDPOINTS: Path = { name: "endpoints-edit", verbs: ["create", "update", "patch"], on: [["", "endpoints"], ["discovery.k8s.io", "endpointslices"]], why: "a role aggregated to edit lets every namespace editor send a Service's traffic anywhere (CVE-2021-25740)" };
const CONFIGMAPS: Path = { name: "kube-system-configmap-write", verbs: ["update", "patch"], on: [["", "configmaps"]], why: "it can rewrite kube-system's coredns ConfigMap and so the cluster's name resolution" };

export const rbacNoPrivilegePaths = objectPolicy({
    name: "k8s-rbac-no-privilege-paths",
    practice: "6.1",
    description: "Roles must not grant known paths to cluster takeover: webhook configuration writes, CSR approval, service account tokens, services/status, endpoints in roles aggregated to edit, attach/port-forward, PersistentVolume creation, kube-system ConfigMap writes.",
    enforcementLevel: "advisory",
    severity: "high",
    remediationSteps: "Remove the grant from the role, or narrow it to what the workload needs; where a component needs the path by design (an admission controller, a CSR approver), name the path in allowedPaths and exempt that role only.",
    config: {
        allowedPaths: {
            type: "array", items: { type: "string" }, default: [],
            description: "Paths a role may keep: webhook-config-write, csr-approve, serviceaccount-token-create, services-status-write, endpoints-edit, pods-attach, pods-portforward, persistentvolume-create, kube-system-configmap-write.",
        },
    },
}, ROLE_KINDS, (role, cfg, report, args) => {
    const allowed = new Set((Array.isArray(cfg.allowedPaths) ? cfg.allowedPaths : []).filter((p): p is string => typeof p === "string"));
    const paths = [...PATHS];
    if (role.kind === "ClusterRole" && get(role.obj, "metadata", "labels", "rbac.authorization.k8s.io/aggregate-to-edit") === "true") paths.push(ENDPOINTS);
    const ns = role.kind === "Role" ? effectiveNamespace(role, args.provider) : undefined;
    if (role.kind === "ClusterRole" || (ns !== UNKNOWN && ns === "kube-system")) paths.push(CONFIGMAPS);
    const rules = rulesOf(role);
    const fix = (name: string) => `remove the grant, or add "${name}" to allowedPaths if this role needs it by design`;
    for (const p of paths) {
        if (allowed.has(p.name)) continue;
        for (const r of rules) {
            for (const [group, resource] of p.on) {
                const verbs = grantedVerbs(r.rule, p.verbs, group, resource);
                if (verbs.length === 0) continue;
                report(`${r.path} grants ${verbs.join("/")} on ${resource} (path ${p.name}: ${p.why}); ${fix(p.name)}.`);
            }
        }
    }
    if (allowed.has("csr-approve")) return;
    // The authorizer asks for both: update on the approval subresource and approve on the signer.
    const approval = rules.find(r => grantedVerbs(r.rule, ["update"], "certificates.k8s.io", "certificatesigningrequests/approval").length > 0);
    const signer = rules.find(r => grantedVerbs(r.rule, ["approve"], "certificates.k8s.io", "signers").length > 0);
    if (approval && signer) {
        report(`${approval.path} grants update on certificatesigningrequests/approval and ${signer.path} approve on signers (path csr-approve: it can issue a client certificate for any identity, even system:masters); ${fix("csr-approve")}.`);
    }
});
