// End to end through the harness: realistic stacks of namespaces, quotas, network policies, mesh
// settings, workloads, services and ingresses, judged by every namespace, mesh and boundary policy
// at once at their default levels. A hardened stack passes; each missing piece fails on its own,
// with one message naming the namespace (or object) and what is missing.
import * as assert from "assert";
import { ResourceInput, UNKNOWN_STRING } from "../harness";
import { deployment, hardenedNamespace, hardenedStack, k8s, namespace, service } from "./support/stack-fixtures";
import { session } from "./support/util";

const POLICIES = [
    "k8s-namespace-resource-quota", "k8s-namespace-default-deny", "k8s-no-default-namespace",
    "k8s-mesh-mtls-strict", "k8s-namespace-mesh-injection", "k8s-internal-load-balancer",
    "k8s-no-external-ips", "k8s-no-node-port-services", "k8s-ingress-tls",
];

/** `policy: message` for every diagnostic of these policies (resource and stack), sorted. */
async function findings(resources: ResourceInput[]): Promise<string[]> {
    const s = await session();
    // Every other policy off; these at their own default level (`all` would otherwise apply to them too).
    const level = (name: string) => s.info.policies.find(p => p.name === name)!.enforcementLevel;
    await s.reconfigure({ all: "disabled", ...Object.fromEntries(POLICIES.map(p => [p, { enforcementLevel: level(p) }])) });
    const r = await s.run(resources);
    return [...r.resources.flatMap(x => x.diagnostics), ...r.stack]
        .filter(d => POLICIES.includes(d.policyName))
        .map(d => `${d.policyName}: ${d.message.slice(d.message.indexOf("\n") + 1)}`)
        .sort();
}

/** The hardened stack with one change to the resource whose Pulumi name is `name`. */
function change(name: string, fn: (r: ResourceInput) => ResourceInput | undefined, stack = hardenedStack()): ResourceInput[] {
    assert.ok(stack.some(r => r.name === name), name);
    return stack.flatMap(r => r.name === name ? (fn(JSON.parse(JSON.stringify(r))) ?? []) : [r]);
}
const drop = (name: string) => change(name, () => undefined);

describe("namespace, mesh and boundary policies on whole stacks", () => {
    it("passes a hardened stack of two application namespaces (24 resources)", async () => {
        const stack = hardenedStack();
        assert.ok(stack.length >= 20);
        assert.deepStrictEqual(await findings(stack), []);
    });

    it("reports a namespace without quota or limit range, and nothing else", async () => {
        const stack = hardenedStack().filter(r => r.name !== "payments-quota" && r.name !== "payments-limits");
        assert.deepStrictEqual(await findings(stack), [
            'k8s-namespace-resource-quota: Namespace "payments" has no ResourceQuota or LimitRange; add one with metadata.namespace "payments" to bound its CPU and memory.',
        ]);
    });

    it("reports a namespace whose only all-pods policies lack a direction, and nothing else", async () => {
        assert.deepStrictEqual(await findings(drop("orders-default-deny")), [
            'k8s-namespace-default-deny: Namespace "orders" has no default-deny NetworkPolicy (NetworkPolicy "orders/allow-dns" lacks Ingress in spec.policyTypes; NetworkPolicy "orders/allow-web" selects only some pods and lacks Egress in spec.policyTypes); add a NetworkPolicy with metadata.namespace "orders", spec.podSelector: {} and spec.policyTypes: [Ingress, Egress].',
        ]);
    });

    it("reports a default deny that forgot Egress", async () => {
        const stack = change("payments-default-deny", r => { (r.props.spec as any).policyTypes = ["Ingress"]; return r; });
        const f = await findings(stack);
        assert.strictEqual(f.length, 1);
        assert.match(f[0], /^k8s-namespace-default-deny: Namespace "payments" has no default-deny NetworkPolicy \(NetworkPolicy "payments\/default-deny" lacks Egress/);
    });

    it("reports permissive mTLS, and nothing else", async () => {
        const stack = change("orders-default", r => { (r.props.spec as any).mtls.mode = "PERMISSIVE"; return r; });
        assert.deepStrictEqual(await findings(stack), [
            'k8s-mesh-mtls-strict: PeerAuthentication "orders/default": spec.mtls.mode lets workloads accept plaintext traffic; set it to STRICT.',
        ]);
    });

    it("reports a namespace that is not labelled for sidecar injection, and nothing else", async () => {
        const stack = change("payments", r => { (r.props.metadata as any).labels = { team: "payments" }; return r; });
        assert.deepStrictEqual(await findings(stack), [
            'k8s-namespace-mesh-injection: Namespace "payments": metadata.labels has neither istio-injection: enabled nor istio.io/rev; label the namespace for sidecar injection.',
        ]);
    });

    it("reports a public load balancer, and nothing else", async () => {
        const stack = change("orders-api", r => { delete (r.props.metadata as any).annotations; return r; });
        assert.deepStrictEqual(await findings(stack), [
            'k8s-internal-load-balancer: Service "orders/api": a load balancer Service gets a public IP: metadata.annotations["service.beta.kubernetes.io/azure-load-balancer-internal"] is not set; set it to "true" or list the service in allowedPublicServices.',
        ]);
    });

    it("reports an ingress host without TLS, and nothing else", async () => {
        const stack = change("payments-web", r => r.type.endsWith(":Ingress") ? (delete (r.props.spec as any).tls, r) : r);
        // Both the Deployment and the Ingress are called payments-web; only the Ingress changed.
        assert.deepStrictEqual(await findings(stack), [
            'k8s-ingress-tls: Ingress "payments/web": spec.rules[0].host is not in any spec.tls[].hosts; add a spec.tls entry covering it with a certificate secret.',
        ]);
    });

    it("reports a node port and external IPs on a service, each on its own", async () => {
        const nodePort = change("orders-web", r => r.type.endsWith(":Service") ? ((r.props.spec as any).type = "NodePort", r) : r);
        assert.deepStrictEqual(await findings(nodePort), [
            'k8s-no-node-port-services: Service "orders/web": spec.type opens the service on a port of every node; use ClusterIP behind an Ingress or an internal load balancer.',
        ]);
        const externalIps = change("orders-web", r => r.type.endsWith(":Service") ? ((r.props.spec as any).externalIPs = ["203.0.113.7"], r) : r);
        assert.deepStrictEqual(await findings(externalIps), [
            'k8s-no-external-ips: Service "orders/web": spec.externalIPs lists 1 address; remove it and expose the service through an internal load balancer or an Ingress.',
        ]);
    });

    it("reports a workload that lands in default: the namespace and its missing default deny", async () => {
        assert.deepStrictEqual(await findings([...hardenedStack(), deployment(undefined, "cron")]), [
            'k8s-namespace-default-deny: namespace "default" (not created by this stack; Deployment "cron" deploys into it) has no NetworkPolicy; add a NetworkPolicy with metadata.namespace "default", spec.podSelector: {} and spec.policyTypes: [Ingress, Egress].',
            'k8s-no-default-namespace: Deployment "cron": has no metadata.namespace, so it goes into the default namespace; deploy it into an application namespace.',
        ]);
    });

    it("judges a shared namespace the stack deploys into but does not create", async () => {
        const stack = [...hardenedStack(), deployment("shared-tools", "exporter"), service("shared-tools", "exporter")];
        assert.deepStrictEqual(await findings(stack), [
            'k8s-namespace-default-deny: namespace "shared-tools" (not created by this stack; Deployment "shared-tools/exporter" deploys into it) has no NetworkPolicy; add a NetworkPolicy with metadata.namespace "shared-tools", spec.podSelector: {} and spec.policyTypes: [Ingress, Egress].',
        ]);
    });

    it("reports every missing piece of an unguarded namespace beside a hardened one", async () => {
        const bare = [
            namespace("legacy", {}),
            deployment("legacy", "app"),
            service("legacy", "app", { type: "LoadBalancer", ports: [{ port: 80 }] }),
            k8s("kubernetes:networking.k8s.io/v1:Ingress", "app", "legacy", { spec: { rules: [{ host: "legacy.contoso.com" }] } }),
            k8s("kubernetes:security.istio.io/v1beta1:PeerAuthentication", "default", "legacy", { spec: { mtls: { mode: "DISABLE" } } }),
        ].map(r => ({ ...r, name: `legacy-${r.name}` }));
        const f = await findings([...hardenedNamespace("payments"), ...bare, ...hardenedNamespace("orders")]);
        assert.deepStrictEqual(f.map(x => x.split(":")[0]), [
            "k8s-ingress-tls", "k8s-internal-load-balancer", "k8s-mesh-mtls-strict", "k8s-namespace-default-deny",
            "k8s-namespace-mesh-injection", "k8s-namespace-resource-quota",
        ]);
        for (const x of f) assert.match(x, /legacy/);
    });

    it("defers during preview while namespaces and policies are still computed", async () => {
        const stack = hardenedStack().map(r => r.name === "payments-default-deny" ? { ...r, props: { ...r.props, metadata: { name: "default-deny", namespace: UNKNOWN_STRING } } } : r);
        // The default deny of "payments" may land in any namespace: no namespace is reported missing one.
        assert.deepStrictEqual(await findings([...stack, deployment("shared-tools", "exporter")]), []);
    });
});
