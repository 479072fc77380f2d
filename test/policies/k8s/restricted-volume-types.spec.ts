// Cases from Pod Security's restricted profile: the rule from kubernetes/pod-security-admission
// policy/check_restrictedVolumes.go, the fixtures' spec.volumes converted to
// data/psa-restricted-volumes.json (repo, path and commit inside the file).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { UNKNOWN_STRING } from "../../../harness";
import { hardenedPod, messages, mutate, PodSpec, PolicyContract, workload } from "../../support/util";

const policy = "k8s-restricted-volume-types";
const corpus = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../../test/policies/k8s/data/psa-restricted-volumes.json"), "utf8")) as {
    fail: { file: string; volumes: unknown[] }[]; pass: { file: string; volumes: unknown[] }[];
};

const withVolumes = (...volumes: unknown[]): PodSpec => mutate(hardenedPod(), p => { p.volumes = volumes; });

export const contract: PolicyContract = {
    policy,
    bad: [workload("Deployment", withVolumes({ name: "src", gitRepo: { repository: "https://example.com/r.git" } }))],
    target: 0,
    field: ["spec", "template", "spec", "volumes", 0, "gitRepo"],
};

describe(policy, () => {
    it("agrees with Pod Security's restricted fixtures (hostPath is left to k8s-no-host-path-volumes)", async () => {
        let violations = 0;
        for (const c of corpus.fail) {
            const m = await messages(policy, workload("Pod", withVolumes(...c.volumes)));
            const hostPathOnly = c.volumes.every(v => (v as Record<string, unknown>).hostPath !== undefined);
            if (hostPathOnly) {
                assert.deepStrictEqual(m, [], c.file);
                assert.strictEqual((await messages("k8s-no-host-path-volumes", workload("Pod", withVolumes(...c.volumes)))).length, 1, c.file);
            } else {
                assert.strictEqual(m.length, 1, c.file);
                violations++;
            }
        }
        for (const c of corpus.pass) assert.deepStrictEqual(await messages(policy, workload("Pod", withVolumes(...c.volumes))), [], c.file);
        // 20 failing fixtures (19 here, the hostPath one through k8s-no-host-path-volumes), 1 passing.
        assert.deepStrictEqual([violations, corpus.fail.length, corpus.pass.length], [19, 20, 1]);
    });

    it("names the volume, its type and field, and the fix", async () => {
        const m = await messages(policy, workload("Deployment", withVolumes({ name: "ok", emptyDir: {} }, { name: "src", gitRepo: { repository: "r" } })));
        assert.deepStrictEqual(m, ['Deployment "apps/deployment": volume "src" is of type gitRepo (spec.template.spec.volumes[1].gitRepo), which Pod Security restricted does not allow; use a persistentVolumeClaim backed by a CSI driver, or a configMap, secret, projected, emptyDir or ephemeral volume.']);
    });

    it("passes every restricted type, image volumes and a volume with no source (an emptyDir by default)", async () => {
        const ok = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected", "secret"].map((t, i) => ({ name: `v${i}`, [t]: {} }));
        assert.deepStrictEqual(await messages(policy, workload("StatefulSet", withVolumes(...ok, { name: "bare" }))), []);
    });

    it("reports every restricted volume; allowedVolumeTypes lets a type through", async () => {
        const pod = withVolumes({ name: "a", nfs: { server: "s", path: "/" } }, { name: "b", flexVolume: { driver: "d" } }, { name: "c", iscsi: {} });
        assert.strictEqual((await messages(policy, workload("CronJob", pod))).length, 3);
        const m = await messages(policy, workload("CronJob", pod), { allowedVolumeTypes: ["nfs", "iscsi"] });
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /volume "b" is of type flexVolume \(spec\.jobTemplate\.spec\.template\.spec\.volumes\[1\]\.flexVolume\)/);
    });

    it("defers unknown volumes and sources, judges known ones beside them; null and malformed input pass", async () => {
        const m = await messages(policy, workload("Pod", withVolumes(UNKNOWN_STRING, { name: "u", rbd: UNKNOWN_STRING }, { name: "k", rbd: {} }, null, 7, { name: "n", nfs: null })));
        assert.deepStrictEqual(m.length, 1);
        assert.match(m[0], /volume "k"/);
        assert.deepStrictEqual(await messages(policy, workload("Pod", mutate(hardenedPod(), p => { p.volumes = "x"; }))), []);
    });

    it("judges Patches by what they set, every List item and older API versions", async () => {
        const patch = workload("Deployment", { volumes: [{ name: "g", gitRepo: {} }] }, { token: "kubernetes:apps/v1:DeploymentPatch" });
        assert.strictEqual((await messages(policy, patch)).length, 1);
        assert.deepStrictEqual(await messages(policy, workload("Deployment", { containers: [] }, { token: "kubernetes:apps/v1:DeploymentPatch" })), []);
        const list = { type: "kubernetes:core/v1:PodList", name: "l", props: { items: [workload("Pod", hardenedPod()).props, workload("Pod", withVolumes({ name: "c", cephfs: {} }), { name: "bad" }).props] } };
        const m = await messages(policy, list);
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /^Pod "apps\/bad": .*items\[1\]\.spec\.volumes\[0\]\.cephfs/);
        assert.strictEqual((await messages(policy, workload("DaemonSet", withVolumes({ name: "a", azureFile: {} }), { token: "kubernetes:extensions/v1beta1:DaemonSet" }))).length, 1);
    });
});
