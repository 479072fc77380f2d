import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { hardenedPod, messages, mutate, PolicyContract, workload, WORKLOADS } from "../../support/util";

const policy = "k8s-run-as-non-root";

export const contract: PolicyContract = {
    policy,
    bad: [workload("Deployment", mutate(hardenedPod(), p => { p.containers[0].securityContext.runAsNonRoot = false; }))],
    target: 0,
    field: ["spec", "template", "spec", "containers", 0, "securityContext", "runAsNonRoot"],
};

describe(policy, () => {
    for (const kind of Object.keys(WORKLOADS)) {
        it(`passes a hardened ${kind}`, async () => {
            assert.deepStrictEqual(await messages(policy, workload(kind, hardenedPod())), []);
        });
        it(`fires when an init container of a ${kind} runs as UID 0`, async () => {
            const pod = mutate(hardenedPod(), p => { p.initContainers[0].securityContext.runAsUser = 0; });
            const m = await messages(policy, workload(kind, pod));
            assert.strictEqual(m.length, 1);
            assert.match(m[0], /init container "init" runs as UID 0 \(.*initContainers\[0\]\.securityContext\.runAsUser\)/);
        });
    }

    it("takes runAsNonRoot from the pod when the container does not set it", async () => {
        const pod = mutate(hardenedPod(), p => { delete p.containers[0].securityContext.runAsNonRoot; });
        assert.deepStrictEqual(await messages(policy, workload("Pod", pod)), []);
        pod.securityContext = { ...(pod.securityContext as object), runAsNonRoot: false };
        const m = await messages(policy, workload("Pod", pod));
        assert.deepStrictEqual(m, ['Pod "apps/pod": container "app" runs with spec.securityContext.runAsNonRoot = false; set it to true.']);
    });

    it("lets the container override the pod", async () => {
        const pod = mutate(hardenedPod(), p => { p.securityContext.runAsNonRoot = false; });
        assert.deepStrictEqual(await messages(policy, workload("Pod", pod)), []);
    });

    it("fires when neither pod nor container sets runAsNonRoot", async () => {
        const pod = mutate(hardenedPod(), p => { delete p.securityContext.runAsNonRoot; delete p.containers[0].securityContext.runAsNonRoot; });
        const m = await messages(policy, workload("Job", pod));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /container "app" has no effective securityContext\.runAsNonRoot/);
    });

    it("honours minUserId and rejects a non-numeric runAsUser", async () => {
        assert.strictEqual((await messages(policy, workload("Deployment", hardenedPod()), { minUserId: 20000 })).length, 2);
        const named = mutate(hardenedPod(), p => { p.containers[0].securityContext.runAsUser = "root"; });
        assert.match((await messages(policy, workload("Deployment", named)))[0], /non-numeric .*runAsUser/);
    });

    it("defers an unknown runAsUser and reports the known violation beside it", async () => {
        const pod = mutate(hardenedPod(), p => {
            p.containers[0].securityContext.runAsUser = UNKNOWN_STRING;
            p.initContainers[0].securityContext.runAsNonRoot = false;
        });
        const m = await messages(policy, workload("DaemonSet", pod));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /init container "init"/);
    });
});
