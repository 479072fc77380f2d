import * as assert from "assert";
import { secret, UNKNOWN_STRING } from "../../../harness";
import { plain, remediate } from "../../remediation";
import { hardenedContainer, hardenedPod, messages, mutate, PolicyContract, workload, WORKLOADS } from "../../util";

const policy = "k8s-read-only-root-filesystem";

export const contract: PolicyContract = {
    policy,
    bad: [workload("Deployment", mutate(hardenedPod(), p => { p.containers[0].securityContext.readOnlyRootFilesystem = false; }))],
    target: 0,
    field: ["spec", "template", "spec", "containers", 0, "securityContext", "readOnlyRootFilesystem"],
};

/** A pod with every container kind with a writable root filesystem in a different way: unset, false, wrong type. */
function writablePod() {
    return mutate(hardenedPod(), p => {
        delete p.initContainers[0].securityContext.readOnlyRootFilesystem;
        p.containers[0].securityContext.readOnlyRootFilesystem = false;
        p.ephemeralContainers = [{ name: "debug", image: "myregistry.azurecr.io/debug:1", securityContext: { readOnlyRootFilesystem: "true" } }];
    });
}

describe(policy, () => {
    for (const kind of Object.keys(WORKLOADS)) {
        it(`passes a hardened ${kind}`, async () => {
            assert.deepStrictEqual(await messages(policy, workload(kind, hardenedPod())), []);
        });
        it(`fires when an init container of a ${kind} has a writable root filesystem`, async () => {
            const pod = mutate(hardenedPod(), p => { p.initContainers[0].securityContext.readOnlyRootFilesystem = false; });
            const m = await messages(policy, workload(kind, pod));
            assert.strictEqual(m.length, 1);
            assert.match(m[0], /init container "init" sets .*initContainers\[0\]\.securityContext\.readOnlyRootFilesystem to false; set it to true\.$/);
        });
        it(`remediates every container of a ${kind} and changes nothing else`, async () => {
            const r = workload(kind, writablePod());
            const { props, changed, resource } = await remediate(policy, r);
            assert.ok(changed);
            assert.deepStrictEqual(await messages(policy, resource), []);
            const expected = workload(kind, mutate(writablePod(), p => {
                p.initContainers[0].securityContext.readOnlyRootFilesystem = true;
                p.containers[0].securityContext.readOnlyRootFilesystem = true;
                p.ephemeralContainers[0].securityContext.readOnlyRootFilesystem = true;
            }));
            assert.deepStrictEqual(props, plain(expected.props));
        });
    }

    it("fires on an unset field, on false and on a non-boolean, naming each container", async () => {
        const m = await messages(policy, workload("Pod", writablePod()));
        assert.deepStrictEqual(m, [
            'Pod "apps/pod": container "app" sets spec.containers[0].securityContext.readOnlyRootFilesystem to false; set it to true.',
            'Pod "apps/pod": init container "init" does not set spec.initContainers[0].securityContext.readOnlyRootFilesystem; set it to true.',
            'Pod "apps/pod": ephemeral container "debug" sets spec.ephemeralContainers[0].securityContext.readOnlyRootFilesystem to a string; set it to true.',
        ]);
    });

    it("fires on a container without any securityContext", async () => {
        const pod = mutate(hardenedPod(), p => { p.containers.push({ name: "sidecar", image: "myregistry.azurecr.io/s:1" }); });
        const m = await messages(policy, workload("Deployment", pod));
        assert.deepStrictEqual(m, ['Deployment "apps/deployment": container "sidecar" does not set spec.template.spec.containers[1].securityContext.readOnlyRootFilesystem; set it to true.']);
    });

    it("defers an unknown value and still reports a known one beside it", async () => {
        const pod = mutate(hardenedPod(), p => {
            p.initContainers[0].securityContext.readOnlyRootFilesystem = UNKNOWN_STRING;
            p.containers[0].securityContext.readOnlyRootFilesystem = false;
        });
        const m = await messages(policy, workload("StatefulSet", pod));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /container "app"/);
    });

    it("judges only what a Patch sets, and every item of a List", async () => {
        const patch = workload("Deployment", { containers: [{ name: "app" }] }, { token: "kubernetes:apps/v1:DeploymentPatch" });
        assert.deepStrictEqual(await messages(policy, patch), []);
        const badPatch = workload("Deployment", { containers: [{ name: "app", securityContext: { readOnlyRootFilesystem: false } }] }, { token: "kubernetes:apps/v1:DeploymentPatch" });
        assert.strictEqual((await messages(policy, badPatch)).length, 1);
        const bad = mutate(hardenedPod(), p => { p.containers[0].securityContext.readOnlyRootFilesystem = false; });
        const list = { type: "kubernetes:apps/v1:DeploymentList", name: "list", props: { items: [workload("Deployment", hardenedPod()).props, workload("Deployment", bad, { name: "bad" }).props] } };
        const m = await messages(policy, list);
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /^Deployment "apps\/bad": .*items\[1\]\.spec\.template\.spec\.containers\[0\]/);
    });

    it("matches older API versions", async () => {
        const bad = mutate(hardenedPod(), p => { p.containers[0].securityContext.readOnlyRootFilesystem = false; });
        for (const token of ["kubernetes:extensions/v1beta1:Deployment", "kubernetes:apps/v1beta2:DaemonSet", "kubernetes:batch/v1beta1:CronJob"]) {
            const kind = token.split(":")[2];
            assert.strictEqual((await messages(policy, workload(kind, bad, { token }))).length, 1, token);
        }
    });

    it("remediation keeps secrets secret and unknowns unknown, and sets a secret field inside its secret", async () => {
        const pod = mutate(hardenedPod(), p => {
            p.containers[0].env = [{ name: "DB_PASSWORD", value: secret("hunter2") }, { name: "BUILD", value: UNKNOWN_STRING }];
            p.containers[0].securityContext.readOnlyRootFilesystem = secret(false);
            p.initContainers[0].securityContext.readOnlyRootFilesystem = UNKNOWN_STRING;
        });
        const { props, resource } = await remediate(policy, workload("Deployment", pod));
        assert.deepStrictEqual(await messages(policy, resource), []);
        const expected = mutate(pod, p => { p.containers[0].securityContext.readOnlyRootFilesystem = secret(true); });
        assert.deepStrictEqual(props, plain(workload("Deployment", expected).props));
    });

    it("remediates a Patch only where the patch sets an unsafe value, and every List item", async () => {
        const token = "kubernetes:apps/v1:DeploymentPatch";
        const untouched = await remediate(policy, workload("Deployment", { containers: [{ name: "app", image: "x.azurecr.io/a:1" }] }, { token }));
        assert.strictEqual(untouched.changed, false);
        const set = await remediate(policy, workload("Deployment", { containers: [{ name: "app", securityContext: { readOnlyRootFilesystem: false } }] }, { token }));
        assert.deepStrictEqual(set.props, plain(workload("Deployment", { containers: [{ name: "app", securityContext: { readOnlyRootFilesystem: true } }] }, { token }).props));
        const bad = { ...hardenedPod(), containers: [{ ...hardenedContainer(), securityContext: {} }] };
        const list = { type: "kubernetes:apps/v1:DeploymentList", name: "list", props: { items: [workload("Deployment", bad).props, workload("Deployment", bad, { name: "b" }).props] } };
        const fixed = await remediate(policy, list);
        assert.deepStrictEqual(await messages(policy, fixed.resource), []);
        assert.deepStrictEqual((fixed.props.items as any[])[1].spec.template.spec.containers[0].securityContext, { readOnlyRootFilesystem: true });
    });

    it("leaves an unknown value to be judged later", async () => {
        const pod = mutate(hardenedPod(), p => { p.containers[0].securityContext.readOnlyRootFilesystem = UNKNOWN_STRING; });
        assert.strictEqual((await remediate(policy, workload("Job", pod))).changed, false);
    });
});
