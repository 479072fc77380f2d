import * as assert from "assert";
import { ResourceInput, secret, UNKNOWN_STRING } from "../../../harness";
import { hardenedPod, messages, mutate, PodSpec, PolicyContract, session, workload, WORKLOADS } from "../../support/util";

const policy = "k8s-seccomp-profile";

export const contract: PolicyContract = {
    policy,
    bad: [workload("Deployment", mutate(hardenedPod(), p => { p.containers[0].securityContext.seccompProfile = { type: "Unconfined" }; }))],
    target: 0,
    field: ["spec", "template", "spec", "containers", 0, "securityContext", "seccompProfile", "type"],
};

/** A pod with no seccomp profile anywhere. */
const noProfile = (): PodSpec => mutate(hardenedPod(), p => {
    delete p.securityContext.seccompProfile;
    for (const c of [...p.containers, ...p.initContainers]) delete c.securityContext.seccompProfile;
});

/** As the props come back over gRPC (undefined fields dropped). */
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v));

/** Remediate (this policy only, at level remediate) then Analyze, as the engine does. */
async function remediate(r: ResourceInput) {
    const s = await session();
    await s.reconfigure({ all: "disabled", [policy]: { enforcementLevel: "remediate" } });
    return s.analyzeResource(r);
}

/** Asserts that remediation turns `before` into exactly `after`, which then passes the policy. */
async function assertFix(kind: string, before: PodSpec, after: PodSpec, opts: { token?: string } = {}) {
    const r = await remediate(workload(kind, before, opts));
    assert.deepStrictEqual(r.props, plain(workload(kind, after, opts).props));
    assert.deepStrictEqual(r.diagnostics, []);
    assert.deepStrictEqual(await messages(policy, { ...r.resource, props: r.props }), []);
}

describe(policy, () => {
    for (const kind of Object.keys(WORKLOADS)) {
        it(`passes a hardened ${kind}`, async () => {
            assert.deepStrictEqual(await messages(policy, workload(kind, hardenedPod())), []);
        });
        it(`fires when an init container of a ${kind} is Unconfined`, async () => {
            const pod = mutate(hardenedPod(), p => { p.initContainers[0].securityContext.seccompProfile = { type: "Unconfined" }; });
            const m = await messages(policy, workload(kind, pod));
            assert.strictEqual(m.length, 1);
            assert.match(m[0], /init container "init" runs with .*initContainers\[0\]\.securityContext\.seccompProfile that has an unsafe type .*; set it to RuntimeDefault or Localhost\.$/);
        });
        it(`remediates a ${kind} with no profile by setting the pod's`, async () => {
            await assertFix(kind, noProfile(), mutate(noProfile(), p => { p.securityContext.seccompProfile = { type: "RuntimeDefault" }; }));
        });
    }

    it("fires on every container without an effective profile, ephemeral ones too", async () => {
        const pod = mutate(noProfile(), p => { p.ephemeralContainers = [{ name: "debug", image: "busybox" }]; });
        const m = await messages(policy, workload("Pod", pod));
        assert.deepStrictEqual(m, [
            'Pod "apps/pod": container "app" has no effective seccomp profile (neither spec.containers[0].securityContext.seccompProfile nor spec.securityContext.seccompProfile); set its type to RuntimeDefault.',
            'Pod "apps/pod": init container "init" has no effective seccomp profile (neither spec.initContainers[0].securityContext.seccompProfile nor spec.securityContext.seccompProfile); set its type to RuntimeDefault.',
            'Pod "apps/pod": ephemeral container "debug" has no effective seccomp profile (neither spec.ephemeralContainers[0].securityContext.seccompProfile nor spec.securityContext.seccompProfile); set its type to RuntimeDefault.',
        ]);
    });

    it("takes the pod's profile when a container sets none, and lets a container override it", async () => {
        const inherits = mutate(noProfile(), p => { p.securityContext.seccompProfile = { type: "Localhost", localhostProfile: "profiles/app.json" }; });
        assert.deepStrictEqual(await messages(policy, workload("Pod", inherits)), []);
        const podUnconfined = mutate(hardenedPod(), p => { p.securityContext.seccompProfile = { type: "Unconfined" }; });
        assert.deepStrictEqual(await messages(policy, workload("Pod", podUnconfined)), []);
        delete (podUnconfined.containers as any)[0].securityContext.seccompProfile;
        assert.deepStrictEqual(await messages(policy, workload("Pod", podUnconfined)), [
            'Pod "apps/pod": container "app" runs with spec.securityContext.seccompProfile that has an unsafe type (spec.securityContext.seccompProfile.type); set it to RuntimeDefault or Localhost.',
        ]);
    });

    it("compares types exactly and rejects a profile without a type or of the wrong shape", async () => {
        for (const profile of [{ type: "runtimedefault" }, { type: "" }, {}, "RuntimeDefault", 1]) {
            const pod = mutate(hardenedPod(), p => { p.containers[0].securityContext.seccompProfile = profile; });
            assert.strictEqual((await messages(policy, workload("Deployment", pod))).length, 1, JSON.stringify(profile));
        }
    });

    it("ignores the deprecated seccomp annotations", async () => {
        const annotations = { "seccomp.security.alpha.kubernetes.io/pod": "unconfined" };
        assert.deepStrictEqual(await messages(policy, workload("Deployment", hardenedPod(), { podMetadata: { annotations } })), []);
    });

    it("does not judge Windows pods, and defers an unset profile while the OS is unknown", async () => {
        const windows = mutate(noProfile(), p => { p.os = { name: "windows" }; });
        assert.deepStrictEqual(await messages(policy, workload("Pod", windows)), []);
        const unknownOs = mutate(noProfile(), p => { p.os = { name: UNKNOWN_STRING }; p.initContainers[0].securityContext.seccompProfile = { type: "Unconfined" }; });
        const m = await messages(policy, workload("Pod", unknownOs));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /init container "init"/);
    });

    it("defers an unknown profile and still reports a known one beside it", async () => {
        const pod = mutate(hardenedPod(), p => {
            p.containers[0].securityContext.seccompProfile = UNKNOWN_STRING;
            p.initContainers[0].securityContext.seccompProfile = { type: "Unconfined" };
        });
        const m = await messages(policy, workload("StatefulSet", pod));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /init container "init"/);
    });

    it("judges only what a Patch sets, and every item of a List", async () => {
        const patch = workload("Deployment", { containers: [{ name: "app" }] }, { token: "kubernetes:apps/v1:DeploymentPatch" });
        assert.deepStrictEqual(await messages(policy, patch), []);
        const badPatch = workload("Deployment", { containers: [{ name: "app", securityContext: { seccompProfile: { type: "Unconfined" } } }] }, { token: "kubernetes:apps/v1:DeploymentPatch" });
        assert.strictEqual((await messages(policy, badPatch)).length, 1);
        const bad = mutate(hardenedPod(), p => { p.containers[0].securityContext.seccompProfile.type = "Unconfined"; });
        const list = { type: "kubernetes:apps/v1:DeploymentList", name: "list", props: { items: [workload("Deployment", hardenedPod()).props, workload("Deployment", bad, { name: "bad" }).props] } };
        const m = await messages(policy, list);
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /^Deployment "apps\/bad": container "app" runs with items\[1\]\.spec\.template\.spec\.containers\[0\]/);
    });

    it("matches older API versions", async () => {
        for (const token of ["kubernetes:extensions/v1beta1:Deployment", "kubernetes:apps/v1beta2:DaemonSet", "kubernetes:batch/v1beta1:CronJob"]) {
            const kind = token.split(":")[2];
            assert.strictEqual((await messages(policy, workload(kind, noProfile(), { token }))).length, 2, token);
        }
    });

    describe("remediation", () => {
        it("replaces an unsafe container profile, dropping a stale localhostProfile, and leaves safe ones alone", async () => {
            const before = mutate(hardenedPod(), p => {
                p.containers[0].securityContext.seccompProfile = { type: "Unconfined", localhostProfile: "x.json" };
                p.initContainers[0].securityContext.seccompProfile = { type: "Localhost", localhostProfile: "init.json" };
                p.ephemeralContainers = [{ name: "debug", image: "busybox", securityContext: { seccompProfile: { type: "unconfined" } } }];
            });
            const after = mutate(before, p => {
                p.containers[0].securityContext.seccompProfile = { type: "RuntimeDefault" };
                p.ephemeralContainers[0].securityContext.seccompProfile = { type: "RuntimeDefault" };
            });
            await assertFix("Pod", before, after);
        });

        it("fixes an unsafe pod profile that a container inherits, and not one every container overrides", async () => {
            const inherited = mutate(hardenedPod(), p => { p.securityContext.seccompProfile = { type: "Unconfined" }; delete p.initContainers[0].securityContext.seccompProfile; });
            await assertFix("CronJob", inherited, mutate(inherited, p => { p.securityContext.seccompProfile = { type: "RuntimeDefault" }; }));
            const overridden = mutate(hardenedPod(), p => { p.securityContext.seccompProfile = { type: "Unconfined" }; });
            const r = await remediate(workload("Job", overridden));
            assert.deepStrictEqual(r.remediations.filter(x => x.properties), []);
            assert.deepStrictEqual(r.diagnostics, []);
        });

        it("creates a missing securityContext and keeps secrets and unknowns elsewhere", async () => {
            const before = mutate(noProfile(), p => {
                delete p.securityContext;
                p.containers[0].env = [{ name: "DB_PASSWORD", value: secret("hunter2") }, { name: "BUILD", value: UNKNOWN_STRING }];
                p.containers[0].securityContext.seccompProfile = { type: "Unconfined" };
            });
            const after = mutate(before, p => {
                p.securityContext = { seccompProfile: { type: "RuntimeDefault" } };
                p.containers[0].securityContext.seccompProfile = { type: "RuntimeDefault" };
            });
            await assertFix("Deployment", before, after);
        });

        it("changes a profile inside a secret and keeps it secret", async () => {
            const before = mutate(hardenedPod(), p => { p.containers[0].securityContext = secret({ ...p.containers[0].securityContext, seccompProfile: { type: "Unconfined" } }); });
            const after = mutate(hardenedPod(), p => { p.containers[0].securityContext = secret(p.containers[0].securityContext); });
            await assertFix("StatefulSet", before, after);
        });

        it("fixes only what a Patch sets, and every item of a List", async () => {
            const token = "kubernetes:apps/v1:DeploymentPatch";
            const patch = { containers: [{ name: "app", securityContext: { seccompProfile: { type: "Unconfined" } } }, { name: "side" }] };
            await assertFix("Deployment", patch, mutate(patch, p => { p.containers[0].securityContext.seccompProfile.type = "RuntimeDefault"; }), { token });
            const list = { type: "kubernetes:core/v1:PodList", name: "list", props: { items: [workload("Pod", noProfile(), { name: "a" }).props, workload("Pod", hardenedPod(), { name: "b" }).props] } };
            const r = await remediate(list);
            const fixed = mutate(list.props, l => { l.items[0].spec.securityContext.seccompProfile = { type: "RuntimeDefault" }; });
            assert.deepStrictEqual(r.props, plain(fixed));
            assert.deepStrictEqual(r.diagnostics, []);
        });

        it("leaves unknown profiles and Windows pods alone", async () => {
            const unknown = mutate(noProfile(), p => { p.securityContext.seccompProfile = UNKNOWN_STRING; });
            const r = await remediate(workload("Pod", unknown));
            assert.deepStrictEqual(r.props, plain(workload("Pod", unknown).props));
            const windows = mutate(noProfile(), p => { p.os = { name: "windows" }; });
            assert.deepStrictEqual((await remediate(workload("Pod", windows))).props, plain(workload("Pod", windows).props));
        });
    });
});
