// Input sets for the differential test of the in-process evaluator against the engine path:
// generated mixed objects (with the kinds no policy judges), a stack export with unknowns,
// secrets, providers, parents and dependencies, and the configs both paths are compared under.
import * as fs from "fs";
import * as path from "path";
import { ResourceInput, secret, UNKNOWN_STRING } from "../../harness";
import { crd, mixedResources, rng } from "../../bench/resources";

export { crd };
import { policies } from "../../policies/catalog";
import { remediable } from "../../policies/lib/policy";

/** Objects of kinds the mixed set lacks: the ones no policy judges, custom resources in both token forms, patches, lists, RBAC, namespaces, Azure extras. */
export function extras(count: number, seed = 3): ResourceInput[] {
    const r = rng(seed);
    const meta = (name: string, ns?: string) => (ns ? { name, namespace: ns } : { name });
    const make: ((i: number, bad: boolean) => ResourceInput)[] = [
        i => crd(i),
        (i, bad) => ({ type: "kubernetes:core/v1:ConfigMap", name: `cm${i}`, props: { apiVersion: "v1", kind: "ConfigMap", metadata: meta(`cm${i}`, bad ? undefined : `team-${i % 5}`), data: { "app.properties": "a=1\nb=2", password: "hunter2" } } }),
        i => ({ type: "kubernetes:core/v1:Secret", name: `s${i}`, props: { apiVersion: "v1", kind: "Secret", metadata: meta(`s${i}`, "team-1"), stringData: { token: secret("t0ken") } } }),
        (i, bad) => ({ type: "kubernetes:security.istio.io/v1:PeerAuthentication", name: `pa${i}`, props: { apiVersion: "security.istio.io/v1", kind: "PeerAuthentication", metadata: meta("default", `team-${i % 5}`), spec: { mtls: { mode: bad ? "PERMISSIVE" : "STRICT" }, portLevelMtls: { "8080": { mode: bad ? "DISABLE" : "STRICT" }, "80": { mode: "STRICT" } } } } }),
        (i, bad) => ({ type: "kubernetes:apiextensions.k8s.io:CustomResource", name: `cr${i}`, props: { apiVersion: "dapr.io/v1alpha1", kind: "Configuration", metadata: meta(`dapr${i}`, "team-2"), spec: { mtls: { enabled: !bad } } } }),
        (i, bad) => ({ type: "kubernetes:core/v1:Namespace", name: `team-${i % 7}`, props: { apiVersion: "v1", kind: "Namespace", metadata: { name: `team-${i % 7}`, labels: bad ? {} : { "istio-injection": "enabled" } } } }),
        (i, bad) => ({ type: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", name: `crb${i}`, props: { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", metadata: meta(`crb${i}`), roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: bad ? "cluster-admin" : "view" }, subjects: [{ kind: bad ? "User" : "Group", name: "dev@contoso.com", apiGroup: "rbac.authorization.k8s.io" }] } }),
        (i, bad) => ({ type: "kubernetes:apps/v1:DeploymentPatch", name: `patch${i}`, props: { metadata: meta(`web${i}`, "team-3"), spec: { template: { spec: { containers: [{ name: "web", securityContext: { privileged: bad } }] } } } } }),
        (i, bad) => ({ type: "kubernetes:core/v1:PodList", name: `pods${i}`, props: { items: [{ metadata: meta(`p${i}`, "team-4"), spec: { hostNetwork: bad, containers: [{ name: "c", image: bad ? "busybox" : "contoso.azurecr.io/c:1.0.0" }] } }] } }),
        i => ({ type: "kubernetes:core/v1:ServiceAccount", name: `sa${i}`, props: { apiVersion: "v1", kind: "ServiceAccount", metadata: meta(`sa${i}`, "team-1"), automountServiceAccountToken: false } }),
        (i, bad) => ({ type: "azure-native:containerservice:AgentPool", name: `pool${i}`, props: { agentPoolName: `user${i}`, resourceName: "aks", mode: "User", enableNodePublicIP: bad, enableEncryptionAtHost: !bad } }),
        (i, bad) => ({ type: "azure-native:security:Pricing", name: `pricing${i}`, props: { pricingName: "Containers", pricingTier: bad ? "Free" : "Standard" } }),
        (i, bad) => ({ type: "azure-native:network/v20240501:ApplicationGateway", name: `agw${i}`, props: { sku: { name: bad ? "Standard_v2" : "WAF_v2", tier: bad ? "Standard_v2" : "WAF_v2" } } }),
        i => ({ type: "random:index:RandomPassword", name: `pw${i}`, props: { length: 16, special: true } }),
        (i, bad) => ({ type: "kubernetes:core/v1:Service", name: `svc${i}`, props: { apiVersion: "v1", kind: "Service", metadata: meta(`svc${i}`, bad ? "default" : "team-2"), spec: { type: bad ? "NodePort" : "ClusterIP", externalIPs: bad ? ["1.2.3.4"] : undefined, ports: [{ port: 80 }] } } }),
    ];
    return Array.from({ length: count }, (_, i) => make[i % make.length](i, r() < 0.4));
}

/** `count` objects: the benchmark's mix, one in five replaced by an extra kind. */
export function mixedWithExtras(count: number, seed = 1): ResourceInput[] {
    const base = mixedResources(count, seed);
    const more = extras(Math.ceil(count / 5), seed + 1);
    return base.map((res, i) => (i % 5 === 4 ? more[Math.floor(i / 5)] : res));
}

const URN = (type: string, name: string) => `urn:pulumi:prod::shop::${type}::${name}`;

/**
 * `pulumi stack export` text: the stack, three providers (default, one with a namespace, one with a
 * secret kubeconfig), resources under a component parent with dependencies and property
 * dependencies, and unknown and
 * secret values (ciphertext, plaintext and `value` forms) in their inputs.
 */
export function stackExportText(count: number, seed = 11): string {
    const r = rng(seed);
    const stack = URN("pulumi:pulumi:Stack", "shop-prod");
    const component = URN("pulumi:pulumi:Stack$my:app:Shop", "shop");
    const providers = [
        { urn: URN("pulumi:providers:kubernetes", "default_4_18_0"), type: "pulumi:providers:kubernetes", inputs: {} },
        { urn: URN("pulumi:providers:kubernetes", "prod-k8s"), type: "pulumi:providers:kubernetes", inputs: { namespace: "prod", enableServerSideApply: "true" } },
        { urn: URN("pulumi:providers:kubernetes", "other-k8s"), type: "pulumi:providers:kubernetes", inputs: { kubeconfig: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "AAAB" } } },
        { urn: URN("pulumi:providers:azure-native", "default_3_0_0"), type: "pulumi:providers:azure-native", inputs: { location: "westeurope" } },
    ];
    const sig = "4dabf18193072939515e22adb298388d", secretSig = "1b47061264138c4ac30d75fd1eb44270";
    const resources: unknown[] = [{ urn: stack, type: "pulumi:pulumi:Stack" }, { urn: component, type: "my:app:Shop", parent: stack }, ...providers.map(p => ({ ...p, id: "id", custom: true }))];
    const urns: string[] = [];
    for (const res of mixedWithExtras(count, seed)) {
        const inputs = JSON.parse(JSON.stringify(res.props));
        const roll = r();
        if (roll < 0.1 && inputs.metadata) inputs.metadata.namespace = UNKNOWN_STRING;
        else if (roll < 0.2 && inputs.metadata) delete inputs.metadata.namespace;
        else if (roll < 0.3) inputs.spec = UNKNOWN_STRING;
        else if (roll < 0.4 && inputs.metadata) inputs.metadata.labels = { [sig]: secretSig, ciphertext: "AAAB" };
        else if (roll < 0.5 && inputs.metadata) inputs.metadata.annotations = { [sig]: secretSig, plaintext: JSON.stringify({ owner: "team", "x-unknown": UNKNOWN_STRING }) };
        else if (roll < 0.55) inputs.enableRBAC = { [sig]: secretSig, value: false };
        const urn = URN(res.type, res.name);
        const k8s = res.type.startsWith("kubernetes:");
        const provider = k8s ? providers[Math.floor(r() * 3)] : providers[3];
        const state: Record<string, unknown> = {
            urn, custom: true, id: res.name, type: res.type, inputs, parent: r() < 0.5 ? component : stack,
            provider: `${provider.urn}::id`, dependencies: urns.length && r() < 0.5 ? [urns[Math.floor(r() * urns.length)], "urn:pulumi:prod::shop::x:y:Z::missing"] : [],
        };
        // Property dependencies, keys out of order (they arrive sorted, as a protobuf map): how an unknown resourceUri links to its cluster.
        if ((state.dependencies as string[]).length && r() < 0.5) state.propertyDependencies = { spec: [(state.dependencies as string[])[0]], resourceUri: state.dependencies, metadata: [] };
        if (r() < 0.02) state.delete = true;
        resources.push(state);
        urns.push(urn);
    }
    return JSON.stringify({ version: 3, deployment: { manifest: { time: "2026-01-01T00:00:00Z", magic: "", version: "v3.0.0" }, resources } }, null, 1);
}

/** The configs the paths are compared under. */
export const CONFIGS: Record<string, Record<string, unknown>> = {
    default: {},
    "remediate-everything": Object.fromEntries(policies.map(p => [p.name, remediable(p) ? "remediate" : "mandatory"])),
    exemptions: {
        all: "mandatory",
        "k8s-run-as-non-root": { excludeNamespaces: ["team-1", "team-2*"] },
        "k8s-no-privileged-containers": { enforcementLevel: "remediate", excludeResources: ["w1*", "team-3/*"] },
        "k8s-drop-all-capabilities": { enforcementLevel: "remediate", excludeNamespaces: ["team-4"] },
        "k8s-image-tag-pinned": "disabled",
        "k8s-allowed-registries": { enforcementLevel: "advisory", excludeResources: ["*-sidecar"] },
        "k8s-namespace-default-deny": { excludeNamespaces: ["team-0"] },
        "k8s-mesh-mtls-strict": { excludeNamespaces: ["team-1"] },
        "aks-rbac-enabled": { excludeResources: ["r1*"] },
        "acr-admin-user-disabled": "advisory",
        "not-a-policy": "advisory",
    },
};

/** A temp file under `dir` holding `text`. */
export function writeTemp(dir: string, name: string, text: string): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
}

/** Where an object lands, as a class: no namespace, `default`, a system namespace, unknown, any other name, not a string. */
function namespaceClass(res: ResourceInput): string {
    const ns = (res.props as { metadata?: { namespace?: unknown } } | undefined)?.metadata?.namespace;
    if (ns === undefined) return "none";
    if (typeof ns !== "string") return "other-typed";
    return ns === "default" ? "default" : /^kube-/.test(ns) ? "system" : ns === UNKNOWN_STRING ? "unknown" : "named";
}

/** What a run did with one object: its kind, namespace class and the policies (with levels) that reported or remediated. */
export function resourceSignature(res: ResourceInput, result: { diagnostics: { policyName: string; enforcementLevel: string }[]; remediations: { policyName: string }[] }): string {
    return [res.type, namespaceClass(res),
        result.diagnostics.map(d => `${d.policyName}:${d.enforcementLevel}`).sort().join(","),
        result.remediations.map(r => r.policyName).sort().join(",")].join("|");
}

/** What a stack policy reported: the policy, its level and the type of the resource it names. */
export function stackSignature(d: { policyName: string; enforcementLevel: string; urn: string }): string {
    return `${d.policyName}:${d.enforcementLevel}:${d.urn.split("::")[2] ?? ""}`;
}

/**
 * The objects of `inputs` that stand for all of them in `run`: the first object of each resource
 * signature, then, for each stack signature, the object its first diagnostic names (the stack
 * policies need the objects they judge together).
 */
export function representatives(inputs: ResourceInput[], run: { resources: Parameters<typeof resourceSignature>[1][]; stack: Parameters<typeof stackSignature>[0][] }): ResourceInput[] {
    const keep = new Set<number>();
    const seen = new Set<string>();
    const first = (signature: string, i: number | undefined) => {
        if (seen.has(signature)) return;
        seen.add(signature);
        if (i !== undefined) keep.add(i);
    };
    run.resources.forEach((r, i) => first(resourceSignature(inputs[i], r), i));
    // A urn is urn:pulumi:<stack>::<project>::<type>::<name>.
    const byTypeAndName = new Map(inputs.map((r, i) => [`${r.type}::${r.name}`, i]));
    for (const d of run.stack) first(`stack ${stackSignature(d)}`, byTypeAndName.get(d.urn.split("::").slice(2).join("::")));
    return inputs.filter((_, i) => keep.has(i));
}
