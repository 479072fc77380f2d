import * as assert from "assert";
import { secret, UNKNOWN_STRING } from "../../../harness";
import { plain, remediate } from "../../support/remediation";
import { hardenedPod, messages, mutate, PolicyContract, workload, WORKLOADS } from "../../support/util";

const policy = "k8s-drop-all-capabilities";

export const contract: PolicyContract = {
    policy,
    bad: [workload("Deployment", mutate(hardenedPod(), p => { p.containers[0].securityContext.capabilities.drop = ["NET_RAW"]; }))],
    target: 0,
    field: ["spec", "template", "spec", "containers", 0, "securityContext", "capabilities", "drop"],
};

/** Every container kind failing to drop ALL in a different way: no capabilities, a list without ALL, lower-case "all". */
function leakyPod() {
    return mutate(hardenedPod(), p => {
        delete p.initContainers[0].securityContext.capabilities;
        p.containers[0].securityContext.capabilities = { drop: ["NET_RAW"], add: ["NET_BIND_SERVICE"] };
        p.ephemeralContainers = [{ name: "debug", image: "myregistry.azurecr.io/debug:1", securityContext: { capabilities: { drop: ["all"] } } }];
    });
}

describe(policy, () => {
    for (const kind of Object.keys(WORKLOADS)) {
        it(`passes a hardened ${kind}`, async () => {
            assert.deepStrictEqual(await messages(policy, workload(kind, hardenedPod())), []);
        });
        it(`fires when an init container of a ${kind} adds a capability`, async () => {
            const pod = mutate(hardenedPod(), p => { p.initContainers[0].securityContext.capabilities.add = ["SYS_ADMIN"]; });
            const m = await messages(policy, workload(kind, pod));
            assert.strictEqual(m.length, 1);
            assert.match(m[0], /init container "init" adds capability SYS_ADMIN \(.*initContainers\[0\]\.securityContext\.capabilities\.add\[0\]\), which allowedCapabilities does not list; remove it\.$/);
        });
        it(`remediates every container of a ${kind}: adds ALL to drop and keeps the rest`, async () => {
            const { props, changed } = await remediate(policy, workload(kind, leakyPod()));
            assert.ok(changed);
            const expected = workload(kind, mutate(leakyPod(), p => {
                p.initContainers[0].securityContext.capabilities = { drop: ["ALL"] };
                p.containers[0].securityContext.capabilities.drop = ["NET_RAW", "ALL"];
                p.ephemeralContainers[0].securityContext.capabilities.drop = ["all", "ALL"];
            }));
            assert.deepStrictEqual(props, plain(expected.props));
            // The add is not removed (no safe automatic answer): it remains the only violation.
            const left = await messages(policy, { ...workload(kind, leakyPod()), props });
            assert.strictEqual(left.length, 1);
            assert.match(left[0], /container "app" adds capability NET_BIND_SERVICE/);
            assert.deepStrictEqual(await messages(policy, { ...workload(kind, leakyPod()), props }, { allowedCapabilities: ["NET_BIND_SERVICE"] }), []);
        });
    }

    it("fires on a missing drop, a drop without ALL and a lower-case all (capabilities are case-sensitive)", async () => {
        const m = await messages(policy, workload("Pod", leakyPod()), { allowedCapabilities: ["NET_BIND_SERVICE"] });
        assert.deepStrictEqual(m, [
            'Pod "apps/pod": container "app" does not drop "ALL" in spec.containers[0].securityContext.capabilities.drop; add "ALL" to it.',
            'Pod "apps/pod": init container "init" does not set spec.initContainers[0].securityContext.capabilities.drop; set it to ["ALL"].',
            'Pod "apps/pod": ephemeral container "debug" does not drop "ALL" in spec.ephemeralContainers[0].securityContext.capabilities.drop; add "ALL" to it.',
        ]);
    });

    it("fires on a drop that is not a list", async () => {
        const pod = mutate(hardenedPod(), p => { p.containers[0].securityContext.capabilities.drop = "ALL"; });
        assert.deepStrictEqual(await messages(policy, workload("Pod", pod)), ['Pod "apps/pod": container "app" sets spec.containers[0].securityContext.capabilities.drop to a string; set it to ["ALL"].']);
    });

    it("honours allowedCapabilities exactly (case-sensitive, no CAP_ prefix)", async () => {
        const pod = mutate(hardenedPod(), p => { p.containers[0].securityContext.capabilities.add = ["NET_BIND_SERVICE", "CHOWN"]; });
        const cfg = { allowedCapabilities: ["NET_BIND_SERVICE", "chown"] };
        const m = await messages(policy, workload("Deployment", pod), cfg);
        assert.deepStrictEqual(m, ['Deployment "apps/deployment": container "app" adds capability CHOWN (spec.template.spec.containers[0].securityContext.capabilities.add[1]), which allowedCapabilities does not list; remove it or use one of NET_BIND_SERVICE, chown.']);
        assert.deepStrictEqual(await messages(policy, workload("Deployment", pod), { allowedCapabilities: ["NET_BIND_SERVICE", "CHOWN"] }), []);
    });

    it("never repeats an added value that is not a capability name", async () => {
        const pod = mutate(hardenedPod(), p => { p.containers[0].securityContext.capabilities.add = ["s3cr3t value"]; });
        const m = await messages(policy, workload("Deployment", pod));
        assert.strictEqual(m.length, 1);
        assert.ok(!m[0].includes("s3cr3t"), m[0]);
        assert.match(m[0], /adds a string/);
    });

    it("defers an unknown drop list or add item and still reports a known violation beside it", async () => {
        const pod = mutate(hardenedPod(), p => {
            p.containers[0].securityContext.capabilities.drop = UNKNOWN_STRING;
            p.containers[0].securityContext.capabilities.add = [UNKNOWN_STRING, "SYS_ADMIN"];
            p.initContainers[0].securityContext.capabilities.drop = ["NET_RAW", UNKNOWN_STRING];
        });
        const m = await messages(policy, workload("DaemonSet", pod));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /container "app" adds capability SYS_ADMIN .*add\[1\]/);
        const known = mutate(pod, p => { p.initContainers[0].securityContext.capabilities.drop = ["NET_RAW", UNKNOWN_STRING, "ALL"]; });
        assert.strictEqual((await messages(policy, workload("DaemonSet", known))).length, 1);
    });

    it("judges only what a Patch sets, and every item of a List", async () => {
        const token = "kubernetes:apps/v1:DeploymentPatch";
        assert.deepStrictEqual(await messages(policy, workload("Deployment", { containers: [{ name: "app" }] }, { token })), []);
        assert.strictEqual((await messages(policy, workload("Deployment", { containers: [{ name: "app", securityContext: { capabilities: { add: ["NET_ADMIN"] } } }] }, { token }))).length, 1);
        assert.strictEqual((await messages(policy, workload("Deployment", { containers: [{ name: "app", securityContext: { capabilities: { drop: ["NET_RAW"] } } }] }, { token }))).length, 1);
        const bad = mutate(hardenedPod(), p => { p.containers[0].securityContext.capabilities.drop = []; });
        const list = { type: "kubernetes:apps/v1:DeploymentList", name: "list", props: { items: [workload("Deployment", hardenedPod()).props, workload("Deployment", bad, { name: "bad" }).props] } };
        const m = await messages(policy, list);
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /^Deployment "apps\/bad": .*items\[1\]\.spec\.template\.spec\.containers\[0\]/);
    });

    it("matches older API versions", async () => {
        const bad = mutate(hardenedPod(), p => { delete p.containers[0].securityContext.capabilities; });
        for (const token of ["kubernetes:extensions/v1beta1:Deployment", "kubernetes:apps/v1beta2:DaemonSet", "kubernetes:batch/v1beta1:CronJob"]) {
            const kind = token.split(":")[2];
            assert.strictEqual((await messages(policy, workload(kind, bad, { token }))).length, 1, token);
        }
    });

    it("remediation keeps secrets secret and unknowns unknown", async () => {
        const pod = mutate(hardenedPod(), p => {
            p.containers[0].env = [{ name: "DB_PASSWORD", value: secret("hunter2") }, { name: "BUILD", value: UNKNOWN_STRING }];
            p.containers[0].securityContext.capabilities.drop = secret(["NET_RAW"]);
            p.initContainers[0].securityContext.capabilities = { drop: UNKNOWN_STRING };
        });
        const { props, resource } = await remediate(policy, workload("Deployment", pod));
        assert.deepStrictEqual(await messages(policy, resource), []);
        const expected = mutate(pod, p => { p.containers[0].securityContext.capabilities.drop = secret(["NET_RAW", "ALL"]); });
        assert.deepStrictEqual(props, plain(workload("Deployment", expected).props));
    });

    it("remediates a drop that is not a list, and a Patch only where it sets drop", async () => {
        const pod = mutate(hardenedPod(), p => { p.containers[0].securityContext.capabilities.drop = "NET_RAW"; });
        const fixed = await remediate(policy, workload("Job", pod));
        assert.deepStrictEqual((fixed.props as any).spec.template.spec.containers[0].securityContext.capabilities, { drop: ["ALL"] });
        const token = "kubernetes:apps/v1:DeploymentPatch";
        assert.strictEqual((await remediate(policy, workload("Deployment", { containers: [{ name: "app" }] }, { token }))).changed, false);
        const patch = await remediate(policy, workload("Deployment", { containers: [{ name: "app", securityContext: { capabilities: { drop: [] } } }] }, { token }));
        assert.deepStrictEqual((patch.props as any).spec.template.spec.containers[0], { name: "app", securityContext: { capabilities: { drop: ["ALL"] } } });
    });
});
