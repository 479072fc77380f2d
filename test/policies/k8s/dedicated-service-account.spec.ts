import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { hardenedPod, messages, mutate, PolicyContract, workload, WORKLOADS } from "../../support/util";

const policy = "k8s-dedicated-service-account";

export const contract: PolicyContract = {
    policy,
    bad: [workload("Deployment", mutate(hardenedPod(), p => { p.automountServiceAccountToken = true; }))],
    target: 0,
    field: ["spec", "template", "spec", "automountServiceAccountToken"],
};

describe(policy, () => {
    for (const kind of Object.keys(WORKLOADS)) {
        it(`passes a ${kind} with a dedicated ServiceAccount and no token`, async () => {
            assert.deepStrictEqual(await messages(policy, workload(kind, hardenedPod())), []);
        });
        it(`fires when a ${kind} runs as the default ServiceAccount`, async () => {
            const m = await messages(policy, workload(kind, mutate(hardenedPod(), p => { p.serviceAccountName = "default"; })));
            assert.strictEqual(m.length, 1);
            assert.match(m[0], /spec\.serviceAccountName names the default ServiceAccount; set .*spec\.serviceAccountName to a dedicated ServiceAccount\.$/);
        });
    }

    it("fires when no service account is set, naming the field", async () => {
        const m = await messages(policy, workload("Pod", mutate(hardenedPod(), p => { delete p.serviceAccountName; })));
        assert.deepStrictEqual(m, ['Pod "apps/pod": spec.serviceAccountName is not set, so the pod runs as the namespace\'s default ServiceAccount; set it to a dedicated ServiceAccount.']);
    });

    it("accepts the deprecated serviceAccount field, and judges it when it names default", async () => {
        const old = mutate(hardenedPod(), p => { delete p.serviceAccountName; p.serviceAccount = "app"; });
        assert.deepStrictEqual(await messages(policy, workload("Deployment", old)), []);
        const dflt = mutate(hardenedPod(), p => { delete p.serviceAccountName; p.serviceAccount = "default"; });
        assert.match((await messages(policy, workload("Deployment", dflt)))[0], /spec\.template\.spec\.serviceAccount names the default ServiceAccount/);
    });

    it("fires when the token is mounted, explicitly or by default", async () => {
        const on = await messages(policy, workload("CronJob", mutate(hardenedPod(), p => { p.automountServiceAccountToken = true; })));
        assert.deepStrictEqual(on, ['CronJob "apps/cronjob": spec.jobTemplate.spec.template.spec.automountServiceAccountToken is true; set it to false (or allowTokenAutomount if the pod calls the Kubernetes API).']);
        const unset = await messages(policy, workload("Job", mutate(hardenedPod(), p => { delete p.automountServiceAccountToken; })));
        assert.strictEqual(unset.length, 1);
        assert.match(unset[0], /automountServiceAccountToken is not set, so the service account token is mounted/);
        const wrong = await messages(policy, workload("Job", mutate(hardenedPod(), p => { p.automountServiceAccountToken = "false"; })));
        assert.match(wrong[0], /automountServiceAccountToken is a string; set it to false/);
    });

    it("accepts a mounted token with allowTokenAutomount: true, but still requires a dedicated ServiceAccount", async () => {
        const pod = mutate(hardenedPod(), p => { p.automountServiceAccountToken = true; });
        assert.deepStrictEqual(await messages(policy, workload("Deployment", pod), { allowTokenAutomount: true }), []);
        const dflt = mutate(pod, p => { delete p.serviceAccountName; });
        assert.strictEqual((await messages(policy, workload("Deployment", dflt), { allowTokenAutomount: true })).length, 1);
        assert.strictEqual((await messages(policy, workload("Deployment", pod), { allowTokenAutomount: false })).length, 1);
    });

    it("defers an unknown value and still reports a known one beside it", async () => {
        const pod = mutate(hardenedPod(), p => { p.serviceAccountName = UNKNOWN_STRING; p.automountServiceAccountToken = true; });
        const m = await messages(policy, workload("StatefulSet", pod));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /automountServiceAccountToken is true/);
        const pod2 = mutate(hardenedPod(), p => { p.serviceAccountName = "default"; p.automountServiceAccountToken = UNKNOWN_STRING; });
        const m2 = await messages(policy, workload("StatefulSet", pod2));
        assert.strictEqual(m2.length, 1);
        assert.match(m2[0], /names the default ServiceAccount/);
    });

    it("judges only what a Patch sets, and every item of a List", async () => {
        const patch = workload("Deployment", { containers: [{ name: "app" }] }, { token: "kubernetes:apps/v1:DeploymentPatch" });
        assert.deepStrictEqual(await messages(policy, patch), []);
        const badPatch = workload("Deployment", { serviceAccountName: "default" }, { token: "kubernetes:apps/v1:DeploymentPatch" });
        assert.strictEqual((await messages(policy, badPatch)).length, 1);
        const bad = mutate(hardenedPod(), p => { p.automountServiceAccountToken = true; });
        const list = { type: "kubernetes:apps/v1:DeploymentList", name: "list", props: { items: [workload("Deployment", hardenedPod()).props, workload("Deployment", bad, { name: "bad" }).props] } };
        const m = await messages(policy, list);
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /^Deployment "apps\/bad": items\[1\]\.spec\.template\.spec\.automountServiceAccountToken is true/);
    });

    it("matches older API versions", async () => {
        const bad = mutate(hardenedPod(), p => { p.serviceAccountName = "default"; });
        for (const token of ["kubernetes:extensions/v1beta1:Deployment", "kubernetes:apps/v1beta2:DaemonSet", "kubernetes:batch/v1beta1:CronJob", "kubernetes:core/v1:PodPatch"]) {
            const kind = token.split(":")[2].replace(/Patch$/, "");
            assert.strictEqual((await messages(policy, workload(kind, bad, { token }))).length, 1, token);
        }
    });
});
