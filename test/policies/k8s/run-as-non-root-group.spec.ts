import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { hardenedPod, messages, mutate, PolicyContract, workload, WORKLOADS } from "../../support/util";

const policy = "k8s-run-as-non-root-group";

export const contract: PolicyContract = {
    policy,
    bad: [workload("Deployment", mutate(hardenedPod(), p => { p.containers[0].securityContext.runAsGroup = 0; }))],
    target: 0,
    field: ["spec", "template", "spec", "containers", 0, "securityContext", "runAsGroup"],
};

describe(policy, () => {
    for (const kind of Object.keys(WORKLOADS)) {
        it(`passes a hardened ${kind}`, async () => {
            assert.deepStrictEqual(await messages(policy, workload(kind, hardenedPod())), []);
        });
        it(`fires when an init container of a ${kind} runs with group 0`, async () => {
            const pod = mutate(hardenedPod(), p => { p.initContainers[0].securityContext.runAsGroup = 0; });
            const m = await messages(policy, workload(kind, pod));
            assert.strictEqual(m.length, 1);
            assert.match(m[0], /init container "init" runs with .*initContainers\[0\]\.securityContext\.runAsGroup that is 0 \(the root group\); set a non-zero GID\.$/);
        });
        // fsGroup sets the group that owns a pod's volumes (Kubernetes' PodSecurityContext.fsGroup):
        // asked for only when the pod declares one (settled semantics, round 3).
        it(`fires when a ${kind} with a volume leaves fsGroup unset, and passes one without volumes`, async () => {
            const noVolumes = mutate(hardenedPod(), p => { delete p.securityContext.fsGroup; delete p.volumes; });
            assert.deepStrictEqual(await messages(policy, workload(kind, noVolumes)), []);
            const pod = mutate(noVolumes, p => { p.volumes = [{ name: "data", emptyDir: {} }]; });
            const m = await messages(policy, workload(kind, pod));
            assert.strictEqual(m.length, 1);
            assert.match(m[0], /the pod declares volumes \(\S*spec\.volumes\) but does not set .*spec\.securityContext\.fsGroup, so its volumes keep their default group; set a non-zero GID\.$/);
        });
    }

    it("takes runAsGroup from the pod when the container does not set it, and lets the container override it", async () => {
        const inherits = mutate(hardenedPod(), p => { delete p.containers[0].securityContext.runAsGroup; });
        assert.deepStrictEqual(await messages(policy, workload("Pod", inherits)), []);
        const rootPod = mutate(inherits, p => { p.securityContext.runAsGroup = 0; });
        assert.deepStrictEqual(await messages(policy, workload("Pod", rootPod)), ['Pod "apps/pod": container "app" runs with spec.securityContext.runAsGroup that is 0 (the root group); set a non-zero GID.']);
        const overridden = mutate(hardenedPod(), p => { p.securityContext.runAsGroup = 0; });
        assert.deepStrictEqual(await messages(policy, workload("Pod", overridden)), []);
    });

    it("fires when neither pod nor container sets runAsGroup", async () => {
        const pod = mutate(hardenedPod(), p => { delete p.securityContext.runAsGroup; delete p.containers[0].securityContext.runAsGroup; });
        assert.deepStrictEqual(await messages(policy, workload("Pod", pod)), ['Pod "apps/pod": container "app" has no effective securityContext.runAsGroup (neither spec.containers[0].securityContext.runAsGroup nor spec.securityContext.runAsGroup); set a non-zero GID.']);
    });

    it("fires on fsGroup 0, on 0 in supplementalGroups and on a group that is not a number", async () => {
        const pod = mutate(hardenedPod(), p => {
            p.securityContext.fsGroup = 0;
            p.securityContext.supplementalGroups = [1000, 0];
            p.ephemeralContainers = [{ name: "debug", image: "x.azurecr.io/d:1", securityContext: { runAsGroup: "wheel" } }];
        });
        assert.deepStrictEqual(await messages(policy, workload("Pod", pod)), [
            'Pod "apps/pod": ephemeral container "debug" runs with spec.ephemeralContainers[0].securityContext.runAsGroup that is a string, not a group ID; set a non-zero GID.',
            'Pod "apps/pod": the pod\'s spec.securityContext.fsGroup is 0 (the root group); set a non-zero GID.',
            'Pod "apps/pod": the pod adds the root group in spec.securityContext.supplementalGroups[1]; remove 0 from supplementalGroups.',
        ]);
    });

    it("does not judge Windows pods, where the API forbids these fields", async () => {
        const pod = mutate(hardenedPod(), p => {
            p.os = { name: "windows" };
            p.volumes = [{ name: "data", emptyDir: {} }];
            delete p.securityContext.runAsGroup; delete p.securityContext.fsGroup;
            delete p.containers[0].securityContext.runAsGroup; delete p.initContainers[0].securityContext.runAsGroup;
        });
        assert.deepStrictEqual(await messages(policy, workload("Deployment", pod)), []);
        assert.strictEqual((await messages(policy, workload("Deployment", mutate(pod, p => { p.os.name = "linux"; })))).length, 3);
    });

    it("defers missing groups while spec.os.name is unknown, and still reports a root group that is set", async () => {
        const unset = mutate(hardenedPod(), p => {
            p.os = { name: UNKNOWN_STRING };
            p.volumes = [{ name: "data", emptyDir: {} }];
            delete p.securityContext.runAsGroup; delete p.securityContext.fsGroup;
            delete p.containers[0].securityContext.runAsGroup; delete p.initContainers[0].securityContext.runAsGroup;
        });
        assert.deepStrictEqual(await messages(policy, workload("Deployment", unset)), []);
        assert.deepStrictEqual(await messages(policy, workload("Deployment", mutate(unset, p => { p.os = UNKNOWN_STRING; }))), []);
        const root = mutate(hardenedPod(), p => { p.os = { name: UNKNOWN_STRING }; p.securityContext.fsGroup = 0; p.containers[0].securityContext.runAsGroup = 0; });
        assert.strictEqual((await messages(policy, workload("Deployment", root))).length, 2);
    });

    it("defers unknown values and still reports a known violation beside them", async () => {
        const pod = mutate(hardenedPod(), p => {
            p.containers[0].securityContext.runAsGroup = UNKNOWN_STRING;
            p.securityContext.fsGroup = UNKNOWN_STRING;
            p.securityContext.supplementalGroups = [UNKNOWN_STRING, 0];
        });
        const m = await messages(policy, workload("Job", pod));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /supplementalGroups\[1\]/);
    });

    it("judges only what a Patch sets, and every item of a List", async () => {
        const token = "kubernetes:apps/v1:DeploymentPatch";
        assert.deepStrictEqual(await messages(policy, workload("Deployment", { containers: [{ name: "app" }] }, { token })), []);
        assert.strictEqual((await messages(policy, workload("Deployment", { securityContext: { fsGroup: 0 }, containers: [{ name: "app" }] }, { token }))).length, 1);
        const bad = mutate(hardenedPod(), p => { p.containers[0].securityContext.runAsGroup = 0; });
        const list = { type: "kubernetes:apps/v1:DeploymentList", name: "list", props: { items: [workload("Deployment", hardenedPod()).props, workload("Deployment", bad, { name: "bad" }).props] } };
        const m = await messages(policy, list);
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /^Deployment "apps\/bad": .*items\[1\]\.spec\.template\.spec\.containers\[0\]/);
    });

    it("matches older API versions", async () => {
        const bad = mutate(hardenedPod(), p => { p.securityContext.fsGroup = 0; });
        for (const token of ["kubernetes:extensions/v1beta1:Deployment", "kubernetes:apps/v1beta2:DaemonSet", "kubernetes:batch/v1beta1:CronJob"]) {
            const kind = token.split(":")[2];
            assert.strictEqual((await messages(policy, workload(kind, bad, { token }))).length, 1, token);
        }
    });
});
