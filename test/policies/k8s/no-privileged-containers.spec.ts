import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { remediate } from "../../remediation";
import { hardenedPod, messages, mutate, PolicyContract, workload, WORKLOADS } from "../../util";

const policy = "k8s-no-privileged-containers";

export const contract: PolicyContract = {
    policy,
    bad: [workload("Deployment", mutate(hardenedPod(), p => { p.containers[0].securityContext.privileged = true; }))],
    target: 0,
    field: ["spec", "template", "spec", "containers", 0, "securityContext", "privileged"],
};

describe(policy, () => {
    for (const kind of Object.keys(WORKLOADS)) {
        it(`passes a hardened ${kind}`, async () => {
            assert.deepStrictEqual(await messages(policy, workload(kind, hardenedPod())), []);
        });
        it(`fires when an init container of a ${kind} runs privileged`, async () => {
            const pod = mutate(hardenedPod(), p => { p.initContainers[0].securityContext.privileged = true; });
            const m = await messages(policy, workload(kind, pod));
            assert.strictEqual(m.length, 1);
            assert.match(m[0], /init container "init" sets .*initContainers\[0\]\.securityContext\.privileged to true; set it to false/);
        });
    }

    it("fires on an ephemeral container that leaves privileged unset", async () => {
        const pod = mutate(hardenedPod(), p => { p.ephemeralContainers = [{ name: "debug", image: "busybox" }]; });
        const m = await messages(policy, workload("Pod", pod));
        assert.deepStrictEqual(m, ['Pod "apps/pod": ephemeral container "debug" does not set spec.ephemeralContainers[0].securityContext.privileged; set it to false.']);
    });

    it("accepts an unset field with requireExplicit: false, but not true", async () => {
        const unset = mutate(hardenedPod(), p => { delete p.containers[0].securityContext.privileged; });
        assert.deepStrictEqual(await messages(policy, workload("Deployment", unset), { requireExplicit: false }), []);
        const on = mutate(hardenedPod(), p => { p.containers[0].securityContext.privileged = true; });
        assert.strictEqual((await messages(policy, workload("Deployment", on), { requireExplicit: false })).length, 1);
    });

    it("defers an unknown value and still reports a known one beside it", async () => {
        const pod = mutate(hardenedPod(), p => {
            p.initContainers[0].securityContext.privileged = UNKNOWN_STRING;
            p.containers[0].securityContext.privileged = true;
        });
        const m = await messages(policy, workload("StatefulSet", pod));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /container "app"/);
    });

    it("judges only what a Patch sets, and every item of a List", async () => {
        const patch = workload("Deployment", { containers: [{ name: "app" }] }, { token: "kubernetes:apps/v1:DeploymentPatch" });
        assert.deepStrictEqual(await messages(policy, patch), []);
        const bad = mutate(hardenedPod(), p => { p.containers[0].securityContext.privileged = true; });
        const list = { type: "kubernetes:apps/v1:DeploymentList", name: "list", props: { items: [workload("Deployment", hardenedPod()).props, workload("Deployment", bad, { name: "bad" }).props] } };
        const m = await messages(policy, list);
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /^Deployment "apps\/bad": .*items\[1\]\.spec\.template\.spec\.containers\[0\]/);
    });

    it("matches older API versions", async () => {
        const bad = mutate(hardenedPod(), p => { p.containers[0].securityContext.privileged = true; });
        for (const token of ["kubernetes:extensions/v1beta1:Deployment", "kubernetes:apps/v1beta2:DaemonSet", "kubernetes:batch/v1beta1:CronJob"]) {
            const kind = token.split(":")[2];
            assert.strictEqual((await messages(policy, workload(kind, bad, { token }))).length, 1, token);
        }
    });

    it("remediates only what it reports: nothing when requireExplicit is off and privileged is unset, nothing in a Patch that leaves it out", async () => {
        const unset = workload("Deployment", mutate(hardenedPod(), p => { delete p.containers[0].securityContext.privileged; }));
        assert.strictEqual((await remediate(policy, unset, { requireExplicit: false })).changed, false);
        const fixed = await remediate(policy, unset);
        assert.strictEqual(fixed.changed, true);
        assert.strictEqual((fixed.props as any).spec.template.spec.containers[0].securityContext.privileged, false);
        const patch = { ...unset, type: "kubernetes:apps/v1:DeploymentPatch" };
        assert.strictEqual((await remediate(policy, patch)).changed, false);
    });

    it("offers no fix, and does not fail, on a resource nested absurdly deep", async () => {
        const r = workload("Deployment", mutate(hardenedPod(), p => { p.containers[0].securityContext.privileged = true; }));
        let deep: any = {};
        for (let i = 0; i < 300; i++) deep = { nested: deep };
        (r.props as any).metadata.annotations = { deep };
        const fixed = await remediate(policy, r);
        assert.strictEqual(fixed.changed, false);
        assert.strictEqual((await messages(policy, r)).length, 1);
    });
});

