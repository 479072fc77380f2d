// Test helpers: one pack process for the whole run, started through the harness exactly as the
// engine starts it, and builders for every workload kind.
import { Diagnostic, ResourceInput, Session } from "../../harness";

let shared: Promise<Session> | undefined;
/** The config the shared session was last given (Configure is sent only when it changes). */
let configured: string | undefined;

/** The shared pack session (started on first use). */
export function session(): Promise<Session> {
    shared ??= Session.start({}).then(s => {
        // Any Configure through this session makes judge() send its next config again.
        const reconfigure = s.reconfigure.bind(s);
        s.reconfigure = async (given, source) => { configured = undefined; await reconfigure(given, source); };
        // A parallel run's worker keeps its pack process from file to file; it goes when the worker does.
        process.once("exit", () => s.pack.kill());
        return s;
    });
    return shared;
}

export async function closeSession(): Promise<void> {
    if (shared) await (await shared).close();
    shared = undefined;
    configured = undefined;
}

/**
 * The diagnostics of one policy on some resources, through Remediate, Analyze and AnalyzeStack,
 * with that policy mandatory and `config` as its settings (every other policy disabled).
 */
export async function judge(policy: string, resources: ResourceInput | ResourceInput[], config: Record<string, unknown> = {}, level = "mandatory"): Promise<Diagnostic[]> {
    const s = await session();
    if (!s.info.policies.some(p => p.name === policy)) throw new Error(`${policy} is not in the pack's catalog`);
    const given = JSON.stringify({ all: "disabled", [policy]: { enforcementLevel: level, ...config } });
    if (given !== configured) {
        await s.reconfigure(JSON.parse(given));
        configured = given;
    }
    const result = await s.run(Array.isArray(resources) ? resources : [resources]);
    return [...result.resources.flatMap(r => r.diagnostics), ...result.stack].filter(d => d.policyName === policy);
}

/** Messages only (without the policy description line), for readable assertions. */
export async function messages(policy: string, resources: ResourceInput | ResourceInput[], config: Record<string, unknown> = {}): Promise<string[]> {
    return (await judge(policy, resources, config)).map(d => d.message.slice(d.message.indexOf("\n") + 1));
}

export type PodSpec = Record<string, unknown>;

/** Workload kinds with their token and how they nest the pod template. */
export const WORKLOADS: Record<string, { token: string; wrap: (pod: { metadata?: object; spec: PodSpec }) => Record<string, unknown> }> = {
    Pod: { token: "kubernetes:core/v1:Pod", wrap: p => ({ spec: p.spec }) }, // its metadata is the object's own: see workload()
    PodTemplate: { token: "kubernetes:core/v1:PodTemplate", wrap: p => ({ template: p }) },
    ReplicationController: { token: "kubernetes:core/v1:ReplicationController", wrap: p => ({ spec: { template: p } }) },
    Deployment: { token: "kubernetes:apps/v1:Deployment", wrap: p => ({ spec: { template: p } }) },
    ReplicaSet: { token: "kubernetes:apps/v1:ReplicaSet", wrap: p => ({ spec: { template: p } }) },
    DaemonSet: { token: "kubernetes:apps/v1:DaemonSet", wrap: p => ({ spec: { template: p } }) },
    StatefulSet: { token: "kubernetes:apps/v1:StatefulSet", wrap: p => ({ spec: { template: p } }) },
    Job: { token: "kubernetes:batch/v1:Job", wrap: p => ({ spec: { template: p } }) },
    CronJob: { token: "kubernetes:batch/v1:CronJob", wrap: p => ({ spec: { jobTemplate: { spec: { template: p } } } }) },
};

/** A workload resource of `kind` whose pod has `spec` (Pod: metadata applies to the pod itself). */
export function workload(kind: string, spec: PodSpec, opts: { name?: string; namespace?: string; podMetadata?: object; token?: string } = {}): ResourceInput {
    const w = WORKLOADS[kind];
    const name = opts.name ?? kind.toLowerCase();
    const body = w.wrap({ spec, metadata: opts.podMetadata });
    const metadata = { name, namespace: opts.namespace ?? "apps", ...(kind === "Pod" ? (opts.podMetadata ?? {}) : {}) };
    return { type: opts.token ?? w.token, name, props: { apiVersion: "", kind, metadata, ...body } };
}

/** A container that every workload policy accepts. */
export function hardenedContainer(name = "app"): Record<string, unknown> {
    return {
        name,
        image: "myregistry.azurecr.io/app:1.4.2",
        ports: [{ containerPort: 8080 }],
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
        securityContext: {
            allowPrivilegeEscalation: false,
            privileged: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            runAsUser: 10001,
            runAsGroup: 10001,
            capabilities: { drop: ["ALL"] },
            seccompProfile: { type: "RuntimeDefault" },
        },
    };
}

/** A pod spec that every workload policy accepts: one container and one init container. */
export function hardenedPod(): PodSpec {
    return {
        serviceAccountName: "app",
        automountServiceAccountToken: false,
        securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } },
        initContainers: [hardenedContainer("init")],
        containers: [hardenedContainer("app")],
    };
}

/** Deep copy with a change applied: `mutate(hardenedPod(), p => p.containers[0]...)`. */
export function mutate<T>(value: T, change: (v: any) => void): T {
    const copy = JSON.parse(JSON.stringify(value));
    change(copy);
    return copy;
}

/**
 * What the catalog-wide matrix needs to know about a policy. Every policy spec exports one as
 * `contract`: a minimal bad case and the field that makes it bad.
 */
export interface PolicyContract {
    policy: string;
    /** The resources of the minimal bad case (one for a resource policy; a small stack for a stack policy). */
    bad: ResourceInput[];
    /** The resource of `bad` holding the offending field, and the field's path in its props. */
    target: number;
    field: (string | number)[];
    /** The policy config the bad case is judged under ({} = defaults). */
    config?: Record<string, unknown>;
}
