// A deterministic mix of realistic resources of every kind the catalog judges, for benchmarks and
// the fuzz test: hardened and insecure workloads of every kind, services, ingresses, RBAC,
// network policies, AKS clusters, node pools and registries.
import { ResourceInput } from "../harness";

/** A small seeded PRNG (mulberry32), so runs are reproducible from their seed. */
export function rng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function container(name: string, bad: boolean): Record<string, unknown> {
    return {
        name,
        image: bad ? "nginx:latest" : "contoso.azurecr.io/web/api:2.3.1",
        ports: [{ containerPort: bad ? 80 : 8080, ...(bad ? { hostPort: 80 } : {}) }],
        env: [{ name: "LOG_LEVEL", value: "info" }, bad ? { name: "DB_PASSWORD", value: "hunter2" } : { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } }],
        resources: bad ? {} : { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
        securityContext: bad ? { privileged: true } : {
            allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true,
            runAsUser: 10001, runAsGroup: 10001, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" },
        },
        volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
    };
}

function podSpec(bad: boolean): Record<string, unknown> {
    return {
        serviceAccountName: bad ? undefined : "api",
        automountServiceAccountToken: false,
        hostNetwork: bad,
        securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } },
        initContainers: [container("migrate", bad)],
        containers: [container("api", bad), container("sidecar", false)],
        volumes: [{ name: "tmp", emptyDir: {} }, ...(bad ? [{ name: "host", hostPath: { path: "/var/run/docker.sock" } }] : [])],
    };
}

const WRAP: [string, (spec: object) => object][] = [
    ["kubernetes:apps/v1:Deployment", s => ({ spec: { replicas: 2, selector: { matchLabels: { app: "api" } }, template: { metadata: { labels: { app: "api" } }, spec: s } } })],
    ["kubernetes:apps/v1:StatefulSet", s => ({ spec: { serviceName: "db", template: { spec: s } } })],
    ["kubernetes:apps/v1:DaemonSet", s => ({ spec: { template: { spec: s } } })],
    ["kubernetes:batch/v1:CronJob", s => ({ spec: { schedule: "*/5 * * * *", jobTemplate: { spec: { template: { spec: s } } } } })],
    ["kubernetes:batch/v1:Job", s => ({ spec: { template: { spec: s } } })],
    ["kubernetes:core/v1:Pod", s => ({ spec: s })],
];

function others(i: number, bad: boolean, ns: string): ResourceInput[] {
    const name = `r${i}`;
    const meta = { name, namespace: ns };
    return [
        { type: "kubernetes:core/v1:Service", name: `${name}-svc`, props: { metadata: meta, spec: { type: bad ? "LoadBalancer" : "ClusterIP", ports: [{ port: 80, targetPort: 8080 }] } } },
        { type: "kubernetes:networking.k8s.io/v1:Ingress", name: `${name}-ing`, props: { metadata: meta, spec: { ...(bad ? {} : { tls: [{ hosts: ["api.contoso.com"], secretName: "tls" }] }), rules: [{ host: "api.contoso.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "api", port: { number: 80 } } } }] } }] } } },
        { type: "kubernetes:rbac.authorization.k8s.io/v1:Role", name: `${name}-role`, props: { metadata: meta, rules: [{ apiGroups: [""], resources: bad ? ["*"] : ["configmaps"], verbs: bad ? ["*"] : ["get", "list"] }] } },
        { type: "kubernetes:networking.k8s.io/v1:NetworkPolicy", name: `${name}-deny`, props: { metadata: meta, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } } },
        {
            type: "azure-native:containerservice:ManagedCluster", name: `${name}-aks`, props: {
                kubernetesVersion: bad ? "1.27.3" : "1.33.2", enableRBAC: !bad, disableLocalAccounts: !bad,
                aadProfile: { managed: true, enableAzureRBAC: !bad },
                apiServerAccessProfile: { enablePrivateCluster: !bad, authorizedIPRanges: bad ? ["0.0.0.0/0"] : [] },
                networkProfile: { networkPlugin: "azure", networkPolicy: bad ? "none" : "cilium", outboundType: bad ? "loadBalancer" : "userDefinedRouting" },
                addonProfiles: { azurepolicy: { enabled: !bad } },
                agentPoolProfiles: [{ name: "system", mode: "System", count: 3, vmSize: "Standard_D4s_v5", enableNodePublicIP: bad, enableEncryptionAtHost: !bad, nodeTaints: bad ? [] : ["CriticalAddonsOnly=true:NoSchedule"] }],
            },
        },
        { type: "azure-native:containerregistry:Registry", name: `${name}acr`, props: { sku: { name: "Premium" }, adminUserEnabled: bad, anonymousPullEnabled: bad } },
    ];
}

/** `count` resources: two in three are workloads (one in four of everything insecure). */
export function mixedResources(count: number, seed = 1): ResourceInput[] {
    const rand = rng(seed);
    const out: ResourceInput[] = [];
    for (let i = 0; out.length < count; i++) {
        const bad = rand() < 0.25;
        const ns = `team-${i % 17}`;
        const [type, wrap] = WRAP[i % WRAP.length];
        out.push({ type, name: `w${i}`, props: JSON.parse(JSON.stringify({ apiVersion: "", kind: type.split(":")[2], metadata: { name: `w${i}`, namespace: ns }, ...wrap(podSpec(bad)) })) });
        if (i % 2 === 0) for (const r of others(i, bad, ns)) if (out.length < count && rand() < 0.5) out.push(r);
    }
    return out.slice(0, count);
}

/** A CustomResourceDefinition with a schema of about `kb` kilobytes (no policy judges CRDs). */
export function crd(i: number, kb = 4): ResourceInput {
    const properties: Record<string, unknown> = {};
    for (let p = 0; JSON.stringify(properties).length < kb * 1024; p++) {
        properties[`field${p}`] = { type: "object", description: `Field ${p} of the operator's spec. `.repeat(3), properties: { enabled: { type: "boolean" }, replicas: { type: "integer", minimum: 0 } } };
    }
    return {
        type: "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", name: `widgets${i}.example.com`,
        props: {
            apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", metadata: { name: `widgets${i}.example.com` },
            spec: { group: "example.com", names: { kind: `Widget${i}`, plural: `widgets${i}` }, scope: "Namespaced", versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object", properties: { spec: { type: "object", properties } } } } }] },
        },
    };
}
