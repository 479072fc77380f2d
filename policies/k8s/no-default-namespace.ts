// k8s-no-default-namespace
// Application objects (every workload kind, Services, Ingresses, ConfigMaps, Secrets,
// ServiceAccounts, PersistentVolumeClaims, HorizontalPodAutoscalers, PodDisruptionBudgets) are
// not in the `default` namespace, which no team owns and which has no quota or network policy of
// its own. A missing metadata.namespace is the provider's namespace: its `namespace` input, else its
// kubeconfig's current-context namespace, else `default` (deferred while those inputs are computed).
// A Patch is judged only when it names its namespace.
// The cluster's own `kubernetes` Service and `default` ServiceAccount live in `default` and are not
// judged: only objects that name themselves so in metadata.name (not by their Pulumi name) and land in `default`.
import { effectiveNamespace } from "../lib/k8s";
import { objectPolicy } from "../lib/policy";
import { get } from "../lib/values";
import { WORKLOAD_KINDS } from "../lib/workload";

export const APP_KINDS = {
    ...WORKLOAD_KINDS,
    Service: ["core"],
    ConfigMap: ["core"],
    Secret: ["core"],
    ServiceAccount: ["core"],
    PersistentVolumeClaim: ["core"],
    Ingress: ["networking.k8s.io", "extensions"],
    HorizontalPodAutoscaler: ["autoscaling"],
    PodDisruptionBudget: ["policy"],
};

/** Objects the cluster itself keeps in `default`: a stack may patch them, but did not put them there. */
const CLUSTER_OWNED = new Set(["Service/kubernetes", "ServiceAccount/default"]);

export const noDefaultNamespace = objectPolicy({
    name: "k8s-no-default-namespace",
    practice: "6.2",
    description: "Workloads, Services and other application objects must not be deployed into the default namespace.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Set metadata.namespace to an application namespace that has its own RBAC, ResourceQuota and default-deny NetworkPolicy.",
}, APP_KINDS, (o, _cfg, report, args) => {
    if (o.partial && o.namespace === undefined) return;
    const ns = effectiveNamespace(o, args.provider);
    if (ns !== "default") return;
    const name = get(o.obj, "metadata", "name");
    if (typeof name === "string" && CLUSTER_OWNED.has(`${o.kind}/${name}`)) return;
    const why = o.namespace === undefined ? `has no ${o.path}metadata.namespace, so it goes into the default namespace` : `sets ${o.path}metadata.namespace to the default namespace`;
    report(`${why}; deploy it into an application namespace.`);
});
