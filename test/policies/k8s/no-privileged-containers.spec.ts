import * as assert from "assert";
import { describeRequiredSetting, settingContract } from "../../support/container-setting";
import { remediate } from "../../support/remediation";
import { hardenedPod, messages, mutate, workload } from "../../support/util";

const policy = "k8s-no-privileged-containers";

export const contract = settingContract(policy, "privileged", false);

// The explicit reading ("make values explicit"), which teams ask for with requireExplicit: true.
describeRequiredSetting(policy, "privileged", false, "runs privileged", { requireExplicit: true });

// The default reading (settled semantics, round 3): Kubernetes' default for privileged is false
// (SecurityContext.privileged: "Defaults to false"), so an unset value is no risk.
describe(`${policy}: requireExplicit and its fixes`, () => {
    it("passes a container that leaves privileged unset by default, and fires on it with requireExplicit: true", async () => {
        const pod = mutate(hardenedPod(), p => { p.ephemeralContainers = [{ name: "debug", image: "busybox" }]; });
        assert.deepStrictEqual(await messages(policy, workload("Pod", pod)), []);
        const m = await messages(policy, workload("Pod", pod), { requireExplicit: true });
        assert.deepStrictEqual(m, ['Pod "apps/pod": ephemeral container "debug" does not set spec.ephemeralContainers[0].securityContext.privileged; set it to false.']);
    });

    it("fires on privileged: true and on a non-boolean whatever requireExplicit says", async () => {
        const on = mutate(hardenedPod(), p => { p.containers[0].securityContext.privileged = true; p.initContainers[0].securityContext.privileged = "true"; });
        for (const requireExplicit of [false, true, undefined]) {
            const m = await messages(policy, workload("Deployment", on), requireExplicit === undefined ? {} : { requireExplicit });
            assert.deepStrictEqual(m, [
                'Deployment "apps/deployment": container "app" sets spec.template.spec.containers[0].securityContext.privileged to true; set it to false.',
                'Deployment "apps/deployment": init container "init" sets spec.template.spec.initContainers[0].securityContext.privileged to a string; set it to false.',
            ], String(requireExplicit));
        }
    });

    it("remediates only what it reports: nothing by default when privileged is unset, nothing in a Patch that leaves it out", async () => {
        const unset = workload("Deployment", mutate(hardenedPod(), p => { delete p.containers[0].securityContext.privileged; }));
        assert.strictEqual((await remediate(policy, unset)).changed, false);
        assert.strictEqual((await remediate(policy, unset, { requireExplicit: false })).changed, false);
        const fixed = await remediate(policy, unset, { requireExplicit: true });
        assert.strictEqual(fixed.changed, true);
        assert.strictEqual((fixed.props as any).spec.template.spec.containers[0].securityContext.privileged, false);
        const patch = { ...unset, type: "kubernetes:apps/v1:DeploymentPatch" };
        assert.strictEqual((await remediate(policy, patch, { requireExplicit: true })).changed, false);
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

