import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { hardenedPod, judge, messages, mutate, PodSpec, PolicyContract, session, workload, WORKLOADS } from "../../support/util";

const policy = "k8s-cpu-requests-limits";

/** The hardened pod with the app container's CPU request and limit replaced (undefined removes). */
const cpu = (request: unknown, limit: unknown): PodSpec => mutate(hardenedPod(), p => {
    const r = p.containers[0].resources;
    if (request === undefined) delete r.requests.cpu; else r.requests.cpu = request;
    if (limit === undefined) delete r.limits.cpu; else r.limits.cpu = limit;
});

export const contract: PolicyContract = {
    policy,
    bad: [workload("Deployment", cpu("2", "500m"))],
    target: 0,
    field: ["spec", "template", "spec", "containers", 0, "resources", "limits", "cpu"],
};

describe(policy, () => {
    for (const kind of Object.keys(WORKLOADS)) {
        it(`passes a hardened ${kind} (CPU request, no limit)`, async () => {
            assert.deepStrictEqual(await messages(policy, workload(kind, hardenedPod())), []);
        });
        it(`fires when an init container of a ${kind} sets no CPU request`, async () => {
            const pod = mutate(hardenedPod(), p => { delete p.initContainers[0].resources.requests.cpu; });
            const m = await messages(policy, workload(kind, pod));
            assert.strictEqual(m.length, 1);
            assert.match(m[0], /init container "init" sets no CPU request \(.*initContainers\[0\]\.resources\.requests\.cpu\); set one\.$/);
        });
    }

    it("is advisory by default", async () => {
        const s = await session();
        assert.strictEqual(s.info.policies.find(p => p.name === policy)?.enforcementLevel, "advisory");
    });

    it("fires for missing or null resources", async () => {
        for (const resources of [undefined, null, {}, { requests: null }]) {
            const pod = mutate(hardenedPod(), p => { p.containers[0].resources = resources; });
            assert.deepStrictEqual(await messages(policy, workload("Pod", pod)), ['Pod "apps/pod": container "app" sets no CPU request (spec.containers[0].resources.requests.cpu); set one.'], JSON.stringify(resources));
        }
    });

    it("requires a CPU limit only with requireLimits", async () => {
        assert.deepStrictEqual(await messages(policy, workload("Pod", hardenedPod()), { requireLimits: false }), []);
        assert.deepStrictEqual(await messages(policy, workload("Pod", hardenedPod()), { requireLimits: true }), [
            'Pod "apps/pod": container "app" sets no CPU limit (spec.containers[0].resources.limits.cpu); set one.',
            'Pod "apps/pod": init container "init" sets no CPU limit (spec.initContainers[0].resources.limits.cpu); set one.',
        ]);
        const both = mutate(hardenedPod(), p => { for (const c of [...p.containers, ...p.initContainers]) c.resources.limits.cpu = "1"; });
        assert.deepStrictEqual(await messages(policy, workload("Pod", both), { requireLimits: true }), []);
    });

    it("reports a request above the limit, comparing quantities exactly", async () => {
        assert.deepStrictEqual(await messages(policy, workload("Pod", cpu("2", "500m"))), [
            'Pod "apps/pod": container "app" requests more CPU than its limit (spec.containers[0].resources.requests.cpu is above spec.containers[0].resources.limits.cpu); lower the request or raise the limit.',
        ]);
        for (const [request, limit] of [["500m", "0.5"], [0.25, "250m"], ["1", 1], ["100m", "1e-1"], ["999999n", "1m"]]) {
            assert.deepStrictEqual(await messages(policy, workload("Pod", cpu(request, limit))), [], `${request} <= ${limit}`);
        }
        for (const [request, limit] of [["501m", "0.5"], ["1.5", 1], ["1001u", "1m"]]) {
            assert.strictEqual((await messages(policy, workload("Pod", cpu(request, limit)))).length, 1, `${request} > ${limit}`);
        }
    });

    it("reports malformed quantities without repeating them", async () => {
        for (const bad of ["half", "1 core", "0x1", "-100m", false, ["1"]]) {
            assert.deepStrictEqual(await messages(policy, workload("Pod", cpu(bad, undefined))), [
                'Pod "apps/pod": container "app" has a CPU request that is not a valid Kubernetes quantity (spec.containers[0].resources.requests.cpu); use a value such as 250m.',
            ], JSON.stringify(bad));
        }
    });

    it("does not judge ephemeral containers", async () => {
        const pod = mutate(hardenedPod(), p => { p.ephemeralContainers = [{ name: "debug", image: "busybox" }]; });
        assert.deepStrictEqual(await messages(policy, workload("Pod", pod), { requireLimits: true }).then(m => m.filter(x => x.includes("debug"))), []);
    });

    it("defers an unknown value and still reports a known one beside it", async () => {
        const pod = mutate(cpu(UNKNOWN_STRING, "1"), p => { p.initContainers[0].resources = { requests: { cpu: "2" }, limits: { cpu: "1" } }; });
        const m = await messages(policy, workload("CronJob", pod), { requireLimits: true });
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /init container "init" requests more CPU than its limit/);
        const unknownResources = mutate(hardenedPod(), p => { p.containers[0].resources = UNKNOWN_STRING; });
        assert.deepStrictEqual(await messages(policy, workload("CronJob", unknownResources)), []);
    });

    it("judges only what a Patch sets, and every item of a List", async () => {
        const patch = workload("Deployment", { containers: [{ name: "app", image: "app:2" }] }, { token: "kubernetes:apps/v1:DeploymentPatch" });
        assert.deepStrictEqual(await messages(policy, patch, { requireLimits: true }), []);
        const badPatch = workload("Deployment", { containers: [{ name: "app", resources: { requests: { cpu: "2" }, limits: { cpu: "1" } } }] }, { token: "kubernetes:apps/v1:DeploymentPatch" });
        assert.strictEqual((await messages(policy, badPatch)).length, 1);
        const list = { type: "kubernetes:batch/v1:JobList", name: "list", props: { items: [workload("Job", hardenedPod()).props, workload("Job", cpu(undefined, undefined), { name: "bad" }).props] } };
        assert.deepStrictEqual(await messages(policy, list), ['Job "apps/bad": container "app" sets no CPU request (items[1].spec.template.spec.containers[0].resources.requests.cpu); set one.']);
    });

    it("matches older API versions", async () => {
        for (const token of ["kubernetes:extensions/v1beta1:Deployment", "kubernetes:apps/v1beta2:DaemonSet", "kubernetes:batch/v1beta1:CronJob"]) {
            const kind = token.split(":")[2];
            assert.strictEqual((await judge(policy, workload(kind, cpu(undefined, undefined), { token }))).length, 1, token);
        }
    });
});
