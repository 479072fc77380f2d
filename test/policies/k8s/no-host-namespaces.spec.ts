import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { hardenedPod, messages, mutate, PolicyContract, workload, WORKLOADS } from "../../support/util";

const policy = "k8s-no-host-namespaces";

export const contract: PolicyContract = {
    policy,
    bad: [workload("Deployment", mutate(hardenedPod(), p => { p.hostNetwork = true; }))],
    target: 0,
    field: ["spec", "template", "spec", "hostNetwork"],
};

describe(policy, () => {
    for (const kind of Object.keys(WORKLOADS)) {
        it(`passes a hardened ${kind}`, async () => {
            assert.deepStrictEqual(await messages(policy, workload(kind, hardenedPod())), []);
        });
        it(`fires when a ${kind} shares the host's PID namespace`, async () => {
            const m = await messages(policy, workload(kind, mutate(hardenedPod(), p => { p.hostPID = true; })));
            assert.strictEqual(m.length, 1);
            assert.match(m[0], /spec\.hostPID is true; remove it or set it to false\.$/);
        });
    }

    it("fires on each of hostNetwork, hostPID and hostIPC", async () => {
        const pod = mutate(hardenedPod(), p => { p.hostNetwork = true; p.hostPID = true; p.hostIPC = true; });
        assert.deepStrictEqual(await messages(policy, workload("Pod", pod)), [
            'Pod "apps/pod": spec.hostNetwork is true; remove it or set it to false.',
            'Pod "apps/pod": spec.hostPID is true; remove it or set it to false.',
            'Pod "apps/pod": spec.hostIPC is true; remove it or set it to false.',
        ]);
    });

    it("passes when the namespace flags are explicitly false", async () => {
        const pod = mutate(hardenedPod(), p => { p.hostNetwork = false; p.hostPID = false; p.hostIPC = false; });
        assert.deepStrictEqual(await messages(policy, workload("Deployment", pod)), []);
    });

    it("fires on a hostPort in a container, an init container and an ephemeral container", async () => {
        const pod = mutate(hardenedPod(), p => {
            p.containers[0].ports = [{ containerPort: 8080 }, { containerPort: 8443, hostPort: 8443 }];
            p.initContainers[0].ports = [{ containerPort: 80, hostPort: 80 }];
            p.ephemeralContainers = [{ name: "debug", image: "busybox", ports: [{ containerPort: 9000, hostPort: 9000 }] }];
        });
        assert.deepStrictEqual(await messages(policy, workload("Pod", pod)), [
            'Pod "apps/pod": container "app" sets spec.containers[0].ports[1].hostPort to 8443; remove it and expose the port through a Service.',
            'Pod "apps/pod": init container "init" sets spec.initContainers[0].ports[0].hostPort to 80; remove it and expose the port through a Service.',
            'Pod "apps/pod": ephemeral container "debug" sets spec.ephemeralContainers[0].ports[0].hostPort to 9000; remove it and expose the port through a Service.',
        ]);
    });

    it("treats hostPort: 0 as no host port", async () => {
        const pod = mutate(hardenedPod(), p => { p.containers[0].ports = [{ containerPort: 8080, hostPort: 0 }]; });
        assert.deepStrictEqual(await messages(policy, workload("Deployment", pod)), []);
    });

    it("reports a hostPort of the wrong type without repeating it", async () => {
        const pod = mutate(hardenedPod(), p => { p.containers[0].ports = [{ containerPort: 8080, hostPort: "8080" }]; });
        const m = await messages(policy, workload("Deployment", pod));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /hostPort to a string;/);
    });

    it("ignores missing, null and malformed ports lists", async () => {
        for (const ports of [undefined, null, "8080", [null, 3, "x"]]) {
            const pod = mutate(hardenedPod(), p => { p.containers[0].ports = ports; });
            assert.deepStrictEqual(await messages(policy, workload("Deployment", pod)), [], JSON.stringify(ports));
        }
    });

    it("defers an unknown value and still reports a known one beside it", async () => {
        const pod = mutate(hardenedPod(), p => {
            p.hostNetwork = UNKNOWN_STRING;
            p.containers[0].ports = [{ containerPort: 8080, hostPort: UNKNOWN_STRING }];
            p.initContainers[0].ports = [{ containerPort: 80, hostPort: 80 }];
        });
        const m = await messages(policy, workload("StatefulSet", pod));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /init container "init"/);
    });

    it("judges only what a Patch sets, and every item of a List", async () => {
        const patch = workload("Deployment", { containers: [{ name: "app" }] }, { token: "kubernetes:apps/v1:DeploymentPatch" });
        assert.deepStrictEqual(await messages(policy, patch), []);
        const badPatch = workload("DaemonSet", { hostNetwork: true }, { token: "kubernetes:apps/v1:DaemonSetPatch" });
        assert.strictEqual((await messages(policy, badPatch)).length, 1);
        const bad = mutate(hardenedPod(), p => { p.hostIPC = true; });
        const list = { type: "kubernetes:apps/v1:DeploymentList", name: "list", props: { items: [workload("Deployment", hardenedPod()).props, workload("Deployment", bad, { name: "bad" }).props] } };
        assert.deepStrictEqual(await messages(policy, list), ['Deployment "apps/bad": items[1].spec.template.spec.hostIPC is true; remove it or set it to false.']);
    });

    it("matches older API versions", async () => {
        const bad = mutate(hardenedPod(), p => { p.hostNetwork = true; });
        for (const token of ["kubernetes:extensions/v1beta1:Deployment", "kubernetes:apps/v1beta2:DaemonSet", "kubernetes:batch/v1beta1:CronJob"]) {
            const kind = token.split(":")[2];
            assert.strictEqual((await messages(policy, workload(kind, bad, { token }))).length, 1, token);
        }
    });
});
