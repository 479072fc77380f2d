// The contract of a rule built with requiredContainerSetting (policies/lib/container-setting.ts):
// securityContext.<field> explicitly <safe> on every container kind of every workload kind, with
// its fix. Each such policy's spec is this contract with its own field and value.
import * as assert from "assert";
import { secret, UNKNOWN_STRING } from "../../harness";
import { plain, remediate } from "./remediation";
import { hardenedContainer, hardenedPod, messages, mutate, PolicyContract, workload, WORKLOADS } from "./util";

/** The catalog matrix's contract of such a policy. */
export function settingContract(policy: string, field: string, safe: boolean): PolicyContract {
    return {
        policy,
        bad: [workload("Deployment", mutate(hardenedPod(), p => { p.containers[0].securityContext[field] = !safe; }))],
        target: 0,
        field: ["spec", "template", "spec", "containers", 0, "securityContext", field],
    };
}

/**
 * The spec of such a policy; `unsafeWhen` completes "fires when an init container of a Job …".
 * `config` is the policy's config for the explicit reading (k8s-no-privileged-containers asks for
 * an explicit value only with requireExplicit: true).
 */
export function describeRequiredSetting(policy: string, field: string, safe: boolean, unsafeWhen: string, config?: Record<string, unknown>): void {
    describe(config ? `${policy} with ${JSON.stringify(config)}` : policy, () => {
        const judge = (r: Parameters<typeof messages>[1]) => messages(policy, r, config);
        const fix = (r: Parameters<typeof remediate>[1]) => remediate(policy, r, config);
        /** A pod with every container kind unsafe in a different way: unset, the unsafe value, the safe value as a string. */
        const unsafePod = () =>
            mutate(hardenedPod(), p => {
                delete p.initContainers[0].securityContext[field];
                p.containers[0].securityContext[field] = !safe;
                p.ephemeralContainers = [{ name: "debug", image: "myregistry.azurecr.io/debug:1", securityContext: { [field]: String(safe) } }];
            });

        for (const kind of Object.keys(WORKLOADS)) {
            it(`passes a hardened ${kind}`, async () => {
                assert.deepStrictEqual(await judge(workload(kind, hardenedPod())), []);
            });
            it(`fires when an init container of a ${kind} ${unsafeWhen}`, async () => {
                const pod = mutate(hardenedPod(), p => { p.initContainers[0].securityContext[field] = !safe; });
                const m = await judge(workload(kind, pod));
                assert.strictEqual(m.length, 1);
                assert.match(m[0], new RegExp(`init container "init" sets \\S*initContainers\\[0\\]\\.securityContext\\.${field} to ${!safe}; set it to ${safe}\\.$`));
            });
            it(`remediates every container of a ${kind} and changes nothing else`, async () => {
                const r = workload(kind, unsafePod());
                const { props, changed, resource } = await fix(r);
                assert.ok(changed);
                assert.deepStrictEqual(await judge(resource), []);
                const expected = workload(kind, mutate(unsafePod(), p => {
                    p.initContainers[0].securityContext[field] = safe;
                    p.containers[0].securityContext[field] = safe;
                    p.ephemeralContainers[0].securityContext[field] = safe;
                }));
                assert.deepStrictEqual(props, plain(expected.props));
            });
        }

        it(`fires on an unset field, on ${!safe} and on a non-boolean, naming each container`, async () => {
            const m = await judge(workload("Pod", unsafePod()));
            assert.deepStrictEqual(m, [
                `Pod "apps/pod": container "app" sets spec.containers[0].securityContext.${field} to ${!safe}; set it to ${safe}.`,
                `Pod "apps/pod": init container "init" does not set spec.initContainers[0].securityContext.${field}; set it to ${safe}.`,
                `Pod "apps/pod": ephemeral container "debug" sets spec.ephemeralContainers[0].securityContext.${field} to a string; set it to ${safe}.`,
            ]);
        });

        it("fires on a container without any securityContext", async () => {
            const pod = mutate(hardenedPod(), p => { p.containers.push({ name: "sidecar", image: "myregistry.azurecr.io/s:1" }); });
            const m = await judge(workload("Deployment", pod));
            assert.deepStrictEqual(m, [`Deployment "apps/deployment": container "sidecar" does not set spec.template.spec.containers[1].securityContext.${field}; set it to ${safe}.`]);
        });

        it("defers an unknown value and still reports a known one beside it", async () => {
            const pod = mutate(hardenedPod(), p => {
                p.initContainers[0].securityContext[field] = UNKNOWN_STRING;
                p.containers[0].securityContext[field] = !safe;
            });
            const m = await judge(workload("StatefulSet", pod));
            assert.strictEqual(m.length, 1);
            assert.match(m[0], /container "app"/);
        });

        it("judges only what a Patch sets, and every item of a List", async () => {
            const patch = workload("Deployment", { containers: [{ name: "app" }] }, { token: "kubernetes:apps/v1:DeploymentPatch" });
            assert.deepStrictEqual(await judge(patch), []);
            const badPatch = workload("Deployment", { containers: [{ name: "app", securityContext: { [field]: !safe } }] }, { token: "kubernetes:apps/v1:DeploymentPatch" });
            assert.strictEqual((await judge(badPatch)).length, 1);
            const bad = mutate(hardenedPod(), p => { p.containers[0].securityContext[field] = !safe; });
            const list = { type: "kubernetes:apps/v1:DeploymentList", name: "list", props: { items: [workload("Deployment", hardenedPod()).props, workload("Deployment", bad, { name: "bad" }).props] } };
            const m = await judge(list);
            assert.strictEqual(m.length, 1);
            assert.match(m[0], /^Deployment "apps\/bad": .*items\[1\]\.spec\.template\.spec\.containers\[0\]/);
        });

        it("matches older API versions", async () => {
            const bad = mutate(hardenedPod(), p => { p.containers[0].securityContext[field] = !safe; });
            for (const token of ["kubernetes:extensions/v1beta1:Deployment", "kubernetes:apps/v1beta2:DaemonSet", "kubernetes:batch/v1beta1:CronJob"]) {
                const kind = token.split(":")[2];
                assert.strictEqual((await judge(workload(kind, bad, { token }))).length, 1, token);
            }
        });

        it("remediation keeps secrets secret and unknowns unknown, and sets a secret field inside its secret", async () => {
            const pod = mutate(hardenedPod(), p => {
                p.containers[0].env = [{ name: "DB_PASSWORD", value: secret("hunter2") }, { name: "BUILD", value: UNKNOWN_STRING }];
                p.containers[0].securityContext[field] = secret(!safe);
                p.initContainers[0].securityContext.runAsUser = UNKNOWN_STRING;
            });
            const { props, resource } = await fix(workload("Deployment", pod));
            assert.deepStrictEqual(await judge(resource), []);
            const expected = mutate(pod, p => { p.containers[0].securityContext[field] = secret(safe); });
            assert.deepStrictEqual(props, plain(workload("Deployment", expected).props));
        });

        it("remediates a Patch only where the patch sets an unsafe value, and every List item", async () => {
            const token = "kubernetes:apps/v1:DeploymentPatch";
            const untouched = await fix(workload("Deployment", { containers: [{ name: "app", image: "x.azurecr.io/a:1" }] }, { token }));
            assert.strictEqual(untouched.changed, false);
            const set = await fix(workload("Deployment", { containers: [{ name: "app", securityContext: { [field]: !safe } }] }, { token }));
            assert.deepStrictEqual(set.props, plain(workload("Deployment", { containers: [{ name: "app", securityContext: { [field]: safe } }] }, { token }).props));
            const bad = { ...hardenedPod(), containers: [{ ...hardenedContainer(), securityContext: {} }] };
            const list = { type: "kubernetes:apps/v1:DeploymentList", name: "list", props: { items: [workload("Deployment", bad).props, workload("Deployment", bad, { name: "b" }).props] } };
            const fixed = await fix(list);
            assert.deepStrictEqual(await judge(fixed.resource), []);
            assert.deepStrictEqual((fixed.props.items as any[])[1].spec.template.spec.containers[0].securityContext, { [field]: safe });
        });

        it("leaves an unknown value to be judged later", async () => {
            const pod = mutate(hardenedPod(), p => { p.containers[0].securityContext[field] = UNKNOWN_STRING; });
            assert.strictEqual((await fix(workload("Job", pod))).changed, false);
        });
    });
}
