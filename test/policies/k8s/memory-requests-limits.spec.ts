import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { hardenedPod, messages, mutate, PodSpec, PolicyContract, session, workload, WORKLOADS } from "../../support/util";

const policy = "k8s-memory-requests-limits";

/** The hardened pod with the app container's memory request and limit replaced (undefined removes). */
const memory = (request: unknown, limit: unknown): PodSpec => mutate(hardenedPod(), p => {
    const r = p.containers[0].resources;
    if (request === undefined) delete r.requests.memory; else r.requests.memory = request;
    if (limit === undefined) delete r.limits.memory; else r.limits.memory = limit;
});

export const contract: PolicyContract = {
    policy,
    bad: [workload("Deployment", memory("512Mi", "256Mi"))],
    target: 0,
    field: ["spec", "template", "spec", "containers", 0, "resources", "limits", "memory"],
};

describe(policy, () => {
    for (const kind of Object.keys(WORKLOADS)) {
        it(`passes a hardened ${kind}`, async () => {
            assert.deepStrictEqual(await messages(policy, workload(kind, hardenedPod())), []);
        });
        it(`fires when an init container of a ${kind} sets no memory limit`, async () => {
            const pod = mutate(hardenedPod(), p => { delete p.initContainers[0].resources.limits; });
            const m = await messages(policy, workload(kind, pod));
            assert.strictEqual(m.length, 1);
            assert.match(m[0], /init container "init" sets no memory limit \(.*initContainers\[0\]\.resources\.limits\.memory\); set one\.$/);
        });
    }

    it("fires for a missing request and a missing limit, and for missing or null resources", async () => {
        assert.deepStrictEqual(await messages(policy, workload("Pod", memory(undefined, undefined))), [
            'Pod "apps/pod": container "app" sets no memory request (spec.containers[0].resources.requests.memory); set one.',
            'Pod "apps/pod": container "app" sets no memory limit (spec.containers[0].resources.limits.memory); set one.',
        ]);
        for (const resources of [undefined, null, {}, { requests: null, limits: null }]) {
            const pod = mutate(hardenedPod(), p => { p.containers[0].resources = resources; });
            assert.strictEqual((await messages(policy, workload("Pod", pod))).length, 2, JSON.stringify(resources));
        }
    });

    it("reports a request above the limit, comparing quantities exactly", async () => {
        const m = await messages(policy, workload("Pod", memory("512Mi", "256Mi")));
        assert.deepStrictEqual(m, ['Pod "apps/pod": container "app" requests more memory than its limit (spec.containers[0].resources.requests.memory is above spec.containers[0].resources.limits.memory); lower the request or raise the limit.']);
        for (const [request, limit] of [["1Gi", "1024Mi"], ["1G", "1Gi"], ["1e9", "1G"], ["0.5Gi", "512Mi"], [1073741824, "1Gi"], ["1000000k", "1G"], ["128974848", "129e6"], ["123Mi", "1E"]]) {
            assert.deepStrictEqual(await messages(policy, workload("Pod", memory(request, limit))), [], `${request} <= ${limit}`);
        }
        for (const [request, limit] of [["1Gi", "1G"], ["1025Mi", "1Gi"], ["2", "1999m"], ["1Ei", "1E"]]) {
            assert.strictEqual((await messages(policy, workload("Pod", memory(request, limit)))).length, 1, `${request} > ${limit}`);
        }
    });

    it("reports malformed quantities without repeating them", async () => {
        for (const bad of ["256MB", "1mi", "lots", "", "-1Gi", "1e", true, { value: "1Gi" }]) {
            const m = await messages(policy, workload("Pod", memory("128Mi", bad)));
            assert.deepStrictEqual(m, ['Pod "apps/pod": container "app" has a memory limit that is not a valid Kubernetes quantity (spec.containers[0].resources.limits.memory); use a value such as 256Mi.'], JSON.stringify(bad));
        }
    });

    it("bounds the limit with maxMemoryLimit", async () => {
        const pod = memory("1Gi", "4Gi");
        assert.deepStrictEqual(await messages(policy, workload("Deployment", pod)), []);
        assert.deepStrictEqual(await messages(policy, workload("Deployment", pod), { maxMemoryLimit: "4Gi" }), []);
        assert.deepStrictEqual(await messages(policy, workload("Deployment", pod), { maxMemoryLimit: "4096Mi" }), []);
        assert.deepStrictEqual(await messages(policy, workload("Deployment", pod), { maxMemoryLimit: "4G" }), [
            'Deployment "apps/deployment": container "app" sets a memory limit above maxMemoryLimit (spec.template.spec.containers[0].resources.limits.memory); lower it.',
        ]);
    });

    it("rejects a maxMemoryLimit that is not a quantity when the pack is configured", async () => {
        const s = await session();
        await assert.rejects(s.reconfigure({ [policy]: { maxMemoryLimit: "4 gigs" } }), /maxMemoryLimit|pattern/);
        await s.reconfigure({});
    });

    it("does not judge ephemeral containers", async () => {
        const pod = mutate(hardenedPod(), p => { p.ephemeralContainers = [{ name: "debug", image: "busybox" }]; });
        assert.deepStrictEqual(await messages(policy, workload("Pod", pod)), []);
    });

    it("defers an unknown value and still reports a known one beside it", async () => {
        const pod = mutate(memory(UNKNOWN_STRING, "256Mi"), p => {
            p.containers[0].resources.limits = UNKNOWN_STRING;
            delete p.initContainers[0].resources.requests.memory;
        });
        const m = await messages(policy, workload("ReplicaSet", pod));
        assert.deepStrictEqual(m, ['ReplicaSet "apps/replicaset": init container "init" sets no memory request (spec.template.spec.initContainers[0].resources.requests.memory); set one.']);
    });

    it("judges only what a Patch sets, and every item of a List", async () => {
        const patch = workload("Deployment", { containers: [{ name: "app", resources: { limits: { memory: "1Gi" } } }] }, { token: "kubernetes:apps/v1:DeploymentPatch" });
        assert.deepStrictEqual(await messages(policy, patch), []);
        const badPatch = workload("Deployment", { containers: [{ name: "app", resources: { requests: { memory: "2Gi" }, limits: { memory: "1Gi" } } }] }, { token: "kubernetes:apps/v1:DeploymentPatch" });
        assert.strictEqual((await messages(policy, badPatch)).length, 1);
        const list = { type: "kubernetes:apps/v1:DeploymentList", name: "list", props: { items: [workload("Deployment", hardenedPod()).props, workload("Deployment", memory("128Mi", undefined), { name: "bad" }).props] } };
        assert.deepStrictEqual(await messages(policy, list), ['Deployment "apps/bad": container "app" sets no memory limit (items[1].spec.template.spec.containers[0].resources.limits.memory); set one.']);
    });

    it("matches older API versions", async () => {
        for (const token of ["kubernetes:extensions/v1beta1:Deployment", "kubernetes:apps/v1beta2:DaemonSet", "kubernetes:batch/v1beta1:CronJob"]) {
            const kind = token.split(":")[2];
            assert.strictEqual((await messages(policy, workload(kind, memory("1Gi", "512Mi"), { token }))).length, 1, token);
        }
    });
});
