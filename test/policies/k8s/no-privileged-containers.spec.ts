import * as assert from "assert";
import { describeRequiredSetting, settingContract } from "../../support/container-setting";
import { remediate } from "../../support/remediation";
import { hardenedPod, messages, mutate, workload } from "../../support/util";

const policy = "k8s-no-privileged-containers";

export const contract = settingContract(policy, "privileged", false);

describeRequiredSetting(policy, "privileged", false, "runs privileged");

describe(`${policy}: requireExplicit and its fixes`, () => {
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

