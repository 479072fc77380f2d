// Builders for namespaced Kubernetes objects and a realistic hardened application stack: namespaces,
// quotas, network policies, mesh settings, deployments, services and ingresses.
import { ResourceInput } from "../../harness";
import { hardenedPod, workload } from "./util";

/** A Kubernetes object resource: `k8s("kubernetes:core/v1:Service", "web", "apps", { spec })`. */
export function k8s(token: string, name: string, namespace: string | undefined, body: Record<string, unknown> = {}, extra: { labels?: Record<string, unknown>; annotations?: Record<string, unknown> } = {}): ResourceInput {
    const [, gv, kind] = token.split(":");
    const [group, version] = gv.split("/");
    const metadata: Record<string, unknown> = { name };
    if (namespace !== undefined) metadata.namespace = namespace;
    if (extra.labels) metadata.labels = extra.labels;
    if (extra.annotations) metadata.annotations = extra.annotations;
    return { type: token, name, props: { apiVersion: group === "core" ? version : `${group}/${version}`, kind: kind.replace(/(Patch|List)$/, ""), metadata, ...body } };
}

/** A `...List` resource holding the props of `items`. */
export function list(token: string, name: string, items: ResourceInput[]): ResourceInput {
    return { type: token, name, props: { items: items.map(i => i.props) } };
}

export const namespace = (name: string, labels: Record<string, unknown> = { "istio-injection": "enabled" }) =>
    k8s("kubernetes:core/v1:Namespace", name, undefined, {}, { labels });

export const defaultDeny = (ns: string, name = "default-deny", spec: Record<string, unknown> = { podSelector: {}, policyTypes: ["Ingress", "Egress"] }, token = "kubernetes:networking.k8s.io/v1:NetworkPolicy") =>
    k8s(token, name, ns, { spec });

export const quota = (ns: string, name = "quota") =>
    k8s("kubernetes:core/v1:ResourceQuota", name, ns, { spec: { hard: { "requests.cpu": "4", "requests.memory": "8Gi", "limits.memory": "8Gi", pods: "50" } } });

export const limitRange = (ns: string, name = "limits") =>
    k8s("kubernetes:core/v1:LimitRange", name, ns, { spec: { limits: [{ type: "Container", default: { memory: "256Mi" }, defaultRequest: { cpu: "100m", memory: "128Mi" } }] } });

export const service = (ns: string | undefined, name: string, spec: Record<string, unknown> = { type: "ClusterIP", ports: [{ port: 80, targetPort: 8080 }], selector: { app: name } }, annotations?: Record<string, unknown>) =>
    k8s("kubernetes:core/v1:Service", name, ns, { spec }, { annotations });

export const internalLb = (ns: string, name: string) =>
    service(ns, name, { type: "LoadBalancer", ports: [{ port: 443, targetPort: 8443 }], selector: { app: name } }, { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" });

export const ingress = (ns: string, name: string, hosts: string[], tlsHosts: string[] | undefined, token = "kubernetes:networking.k8s.io/v1:Ingress") =>
    k8s(token, name, ns, {
        spec: {
            ingressClassName: "webapprouting.kubernetes.azure.com",
            ...(tlsHosts ? { tls: [{ hosts: tlsHosts, secretName: `${name}-tls` }] } : {}),
            rules: hosts.map(host => ({ host, http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name, port: { number: 80 } } } }] } })),
        },
    });

export const peerAuthentication = (ns: string, mode: string, name = "default", apiVersion = "security.istio.io/v1") =>
    k8s(`kubernetes:${apiVersion}:PeerAuthentication`, name, ns, { spec: { mtls: { mode } } });

export const deployment = (ns: string | undefined, name: string) => {
    const w = workload("Deployment", hardenedPod(), { name, namespace: ns ?? "apps" });
    if (ns === undefined) delete (w.props.metadata as Record<string, unknown>).namespace;
    return w;
};

/**
 * A hardened application namespace as a platform team ships it: the namespace labelled for
 * injection, quota and limit range, default deny plus the allow rules, strict mTLS, workloads,
 * ClusterIP services, an internal load balancer and a TLS ingress. 11 resources per namespace.
 */
export function hardenedNamespace(ns: string, host = `${ns}.contoso.com`): ResourceInput[] {
    return [
        namespace(ns),
        quota(ns),
        limitRange(ns),
        defaultDeny(ns),
        defaultDeny(ns, "allow-dns", { podSelector: {}, policyTypes: ["Egress"], egress: [{ ports: [{ port: 53, protocol: "UDP" }] }] }),
        defaultDeny(ns, "allow-web", { podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "app-routing-system" } } }] }] }),
        peerAuthentication(ns, "STRICT"),
        deployment(ns, "web"),
        deployment(ns, "worker"),
        service(ns, "web"),
        internalLb(ns, "api"),
        ingress(ns, "web", [host], [host]),
    ].map(r => (r.type.endsWith(":Namespace") ? r : { ...r, name: `${ns}-${r.name}` }));
}

/** Two hardened namespaces (24 resources). */
export function hardenedStack(): ResourceInput[] {
    return [...hardenedNamespace("payments"), ...hardenedNamespace("orders")];
}
