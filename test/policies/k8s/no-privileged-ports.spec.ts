import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { hardenedPod, messages, mutate, PolicyContract, workload, WORKLOADS } from "../../support/util";

const policy = "k8s-no-privileged-ports";

export const contract: PolicyContract = {
    policy,
    bad: [workload("Deployment", mutate(hardenedPod(), p => { p.containers[0].ports[0].containerPort = 80; }))],
    target: 0,
    field: ["spec", "template", "spec", "containers", 0, "ports", 0, "containerPort"],
};

const withPorts = (ports: unknown) => mutate(hardenedPod(), p => { p.containers[0].ports = ports; });

describe(policy, () => {
    for (const kind of Object.keys(WORKLOADS)) {
        it(`passes a hardened ${kind}`, async () => {
            assert.deepStrictEqual(await messages(policy, workload(kind, hardenedPod())), []);
        });
        it(`fires when an init container of a ${kind} listens on port 443`, async () => {
            const pod = mutate(hardenedPod(), p => { p.initContainers[0].ports = [{ containerPort: 443 }]; });
            const m = await messages(policy, workload(kind, pod));
            assert.strictEqual(m.length, 1);
            assert.match(m[0], /init container "init" uses privileged port 443 \(.*initContainers\[0\]\.ports\[0\]\.containerPort\); use a port of 1024 or above, or list it in allowedPorts\.$/);
        });
    }

    it("fires on a privileged hostPort, naming the field", async () => {
        const m = await messages(policy, workload("Pod", withPorts([{ containerPort: 8080, hostPort: 80 }])));
        assert.deepStrictEqual(m, ['Pod "apps/pod": container "app" uses privileged port 80 (spec.containers[0].ports[0].hostPort); use a port of 1024 or above, or list it in allowedPorts.']);
    });

    it("reports each privileged port of each container kind", async () => {
        const pod = mutate(withPorts([{ containerPort: 22 }, { containerPort: 8443, hostPort: 1023 }, { containerPort: 1024, hostPort: 1024 }]), p => {
            p.ephemeralContainers = [{ name: "debug", image: "x.azurecr.io/d:1", ports: [{ containerPort: 1 }] }];
        });
        const m = await messages(policy, workload("Pod", pod));
        assert.strictEqual(m.length, 3);
        assert.match(m[0], /port 22 \(spec\.containers\[0\]\.ports\[0\]\.containerPort\)/);
        assert.match(m[1], /port 1023 \(spec\.containers\[0\]\.ports\[1\]\.hostPort\)/);
        assert.match(m[2], /ephemeral container "debug" uses privileged port 1 /);
    });

    it("treats hostPort 0 as no host port and containerPort 0 or none as no port", async () => {
        assert.deepStrictEqual(await messages(policy, workload("Pod", withPorts([{ containerPort: 8080, hostPort: 0 }, { containerPort: 0 }, { name: "metrics" }]))), []);
        assert.deepStrictEqual(await messages(policy, workload("Pod", withPorts(undefined))), []);
    });

    it("honours allowedPorts for containerPort and hostPort alike", async () => {
        const pod = withPorts([{ containerPort: 80, hostPort: 80 }, { containerPort: 443 }]);
        const m = await messages(policy, workload("Deployment", pod), { allowedPorts: [80] });
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /port 443/);
        assert.deepStrictEqual(await messages(policy, workload("Deployment", pod), { allowedPorts: [80, 443] }), []);
    });

    it("ignores ports that are not numbers", async () => {
        assert.deepStrictEqual(await messages(policy, workload("Pod", withPorts([{ containerPort: "80" }, { containerPort: 80.5 }, "http", null]))), []);
    });

    it("defers an unknown port and still reports a known one beside it", async () => {
        const pod = mutate(withPorts([{ containerPort: UNKNOWN_STRING, hostPort: 25 }, UNKNOWN_STRING]), p => { p.initContainers[0].ports = UNKNOWN_STRING; });
        const m = await messages(policy, workload("StatefulSet", pod));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /port 25 .*hostPort/);
    });

    it("judges what a Patch sets, and every item of a List", async () => {
        const token = "kubernetes:apps/v1:DaemonSetPatch";
        assert.deepStrictEqual(await messages(policy, workload("DaemonSet", { containers: [{ name: "app" }] }, { token })), []);
        assert.strictEqual((await messages(policy, workload("DaemonSet", { containers: [{ name: "app", ports: [{ containerPort: 53 }] }] }, { token }))).length, 1);
        const list = { type: "kubernetes:apps/v1:DeploymentList", name: "list", props: { items: [workload("Deployment", hardenedPod()).props, workload("Deployment", withPorts([{ containerPort: 80 }]), { name: "bad" }).props] } };
        const m = await messages(policy, list);
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /^Deployment "apps\/bad": .*items\[1\]\.spec\.template\.spec\.containers\[0\]\.ports\[0\]\.containerPort/);
    });

    it("matches older API versions", async () => {
        for (const token of ["kubernetes:extensions/v1beta1:Deployment", "kubernetes:apps/v1beta2:DaemonSet", "kubernetes:batch/v1beta1:CronJob"]) {
            const kind = token.split(":")[2];
            assert.strictEqual((await messages(policy, workload(kind, withPorts([{ containerPort: 80 }]), { token }))).length, 1, token);
        }
    });
});
