import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { hardenedPod, messages, mutate, PolicyContract, workload, WORKLOADS } from "../../support/util";

const policy = "k8s-image-tag-pinned";
const DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

export const contract: PolicyContract = {
    policy,
    bad: [workload("Deployment", mutate(hardenedPod(), p => { p.containers[0].image = "myregistry.azurecr.io/app:latest"; }))],
    target: 0,
    field: ["spec", "template", "spec", "containers", 0, "image"],
};

const withImage = (image: unknown) => mutate(hardenedPod(), p => { p.containers[0].image = image; });

/** True when the policy fires on the hardened pod with the app container's image replaced. */
async function fires(image: string, config: Record<string, unknown> = {}): Promise<boolean> {
    return (await messages(policy, workload("Pod", withImage(image)), config)).length > 0;
}

describe(policy, () => {
    for (const kind of Object.keys(WORKLOADS)) {
        it(`passes a hardened ${kind} (version tags)`, async () => {
            assert.deepStrictEqual(await messages(policy, workload(kind, hardenedPod())), []);
        });
        it(`fires when an init container of a ${kind} uses :latest`, async () => {
            const pod = mutate(hardenedPod(), p => { p.initContainers[0].image = "myregistry.azurecr.io/init:latest"; });
            const m = await messages(policy, workload(kind, pod));
            assert.strictEqual(m.length, 1);
            assert.match(m[0], /init container "init" image \(.*initContainers\[0\]\.image\) uses the mutable tag latest; pin a version tag or a sha256 digest\.$/);
        });
    }

    it("fires on an image without tag or digest, naming the container and field", async () => {
        const pod = mutate(hardenedPod(), p => { p.ephemeralContainers = [{ name: "debug", image: "myregistry.azurecr.io/debug" }]; });
        assert.deepStrictEqual(await messages(policy, workload("Pod", pod)), ['Pod "apps/pod": ephemeral container "debug" image (spec.ephemeralContainers[0].image) has no tag, so it pulls latest; pin a version tag or a sha256 digest.']);
    });

    it("accepts a version tag, a digest, or both; rejects latest in any case", async () => {
        assert.strictEqual(await fires("myacr.azurecr.io/app:1.2.3"), false);
        assert.strictEqual(await fires(`myacr.azurecr.io/app@${DIGEST}`), false);
        assert.strictEqual(await fires(`myacr.azurecr.io/app:latest@${DIGEST}`), false);
        assert.strictEqual(await fires("nginx:1.27"), false);
        assert.strictEqual(await fires("myacr.azurecr.io/app:LATEST"), true);
        assert.strictEqual(await fires("nginx"), true);
    });

    it("reads a registry port as part of the host, not as a tag", async () => {
        assert.strictEqual(await fires("myacr.azurecr.io:443/app"), true);
        assert.strictEqual(await fires("localhost:5000/app:2.0"), false);
    });

    it("treats anything but @sha256: and 64 hex characters as a malformed reference, even beside a good tag", async () => {
        for (const bad of ["app:1.0@sha256:123456", `app@sha512:${"a".repeat(128)}`, `app:1@${DIGEST.toUpperCase()}`, `app:1@${DIGEST}0`, "app:1@", "app@latest"]) {
            const m = await messages(policy, workload("Pod", withImage(`myacr.azurecr.io/${bad}`)));
            assert.strictEqual(m.length, 1, bad);
            assert.match(m[0], /has a malformed image reference in spec\.containers\[0\]\.image \(the digest after @ is not sha256: followed by 64 hex characters\)/, bad);
            assert.ok(!m[0].includes(bad), m[0]);
        }
        assert.strictEqual(await fires("myacr.azurecr.io/App:1"), true);
        assert.strictEqual(await fires("myacr.azurecr.io/app:-1"), true);
    });

    it("requires a digest with requireDigest: true", async () => {
        const cfg = { requireDigest: true };
        const m = await messages(policy, workload("Pod", withImage("myacr.azurecr.io/app:1.2.3")), cfg);
        assert.ok(m.some(x => x === 'Pod "apps/pod": container "app" image (spec.containers[0].image) is not pinned by digest; reference it as <image>@sha256:<64 hex characters>.'), m.join("\n"));
        const pinned = mutate(hardenedPod(), p => { p.containers[0].image = `myacr.azurecr.io/app@${DIGEST}`; p.initContainers[0].image = `myacr.azurecr.io/init:1@${DIGEST}`; });
        assert.deepStrictEqual(await messages(policy, workload("Pod", pinned), cfg), []);
        assert.strictEqual(await fires(`myacr.azurecr.io/app@sha256:123456`, cfg), true);
    });

    it("fires on an image that is not a string", async () => {
        assert.deepStrictEqual(await messages(policy, workload("Pod", withImage({ name: "app" }))), ['Pod "apps/pod": container "app" sets spec.containers[0].image to an object, not an image reference; set a pinned image reference.']);
    });

    it("defers an unknown image and still reports a known one beside it", async () => {
        const pod = mutate(hardenedPod(), p => { p.containers[0].image = UNKNOWN_STRING; p.initContainers[0].image = "myacr.azurecr.io/init"; });
        const m = await messages(policy, workload("ReplicaSet", pod));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /init container "init"/);
    });

    it("judges only what a Patch sets, and every item of a List", async () => {
        const token = "kubernetes:apps/v1:StatefulSetPatch";
        assert.deepStrictEqual(await messages(policy, workload("StatefulSet", { containers: [{ name: "app" }] }, { token })), []);
        assert.strictEqual((await messages(policy, workload("StatefulSet", { containers: [{ name: "app", image: "nginx" }] }, { token }))).length, 1);
        const list = { type: "kubernetes:batch/v1:JobList", name: "list", props: { items: [workload("Job", hardenedPod()).props, workload("Job", withImage("nginx:latest"), { name: "bad" }).props] } };
        const m = await messages(policy, list);
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /^Job "apps\/bad": .*items\[1\]\.spec\.template\.spec\.containers\[0\]\.image/);
    });

    it("matches older API versions", async () => {
        for (const token of ["kubernetes:extensions/v1beta1:Deployment", "kubernetes:apps/v1beta2:DaemonSet", "kubernetes:batch/v1beta1:CronJob"]) {
            const kind = token.split(":")[2];
            assert.strictEqual((await messages(policy, workload(kind, withImage("nginx:latest"), { token }))).length, 1, token);
        }
    });
});
