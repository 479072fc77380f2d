import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { hardenedPod, messages, mutate, PolicyContract, workload, WORKLOADS } from "../../support/util";

const policy = "k8s-allowed-registries";

export const contract: PolicyContract = {
    policy,
    bad: [workload("Deployment", mutate(hardenedPod(), p => { p.containers[0].image = "docker.io/library/nginx:1.27.0"; }))],
    target: 0,
    field: ["spec", "template", "spec", "containers", 0, "image"],
};

/** The pod with its app container's image replaced. */
const withImage = (image: unknown) => mutate(hardenedPod(), p => { p.containers[0].image = image; });

/** True when the policy fires on a pod whose only container runs `image`. */
async function verdict(image: string, allowedRegistries?: string[]): Promise<boolean> {
    const pod = mutate(withImage(image), p => { delete p.initContainers; });
    const m = await messages(policy, workload("Pod", pod), allowedRegistries ? { allowedRegistries } : {});
    return m.length > 0;
}

describe(policy, () => {
    for (const kind of Object.keys(WORKLOADS)) {
        it(`passes a hardened ${kind} (images from *.azurecr.io)`, async () => {
            assert.deepStrictEqual(await messages(policy, workload(kind, hardenedPod())), []);
        });
        it(`fires when an init container of a ${kind} pulls from docker.io`, async () => {
            const pod = mutate(hardenedPod(), p => { p.initContainers[0].image = "busybox:1.36"; });
            const m = await messages(policy, workload(kind, pod));
            assert.strictEqual(m.length, 1);
            assert.match(m[0], /init container "init" image \(.*initContainers\[0\]\.image\) names no registry, so it comes from docker\.io, which allowedRegistries does not list; use an image from an allowed registry \(\*\.azurecr\.io\)\.$/);
        });
    }

    it("fires on an ephemeral container from another registry, naming the host it found but not the rest of the image", async () => {
        const pod = mutate(hardenedPod(), p => { p.ephemeralContainers = [{ name: "debug", image: "GHCR.io:443/tools/debug:2" }]; });
        const m = await messages(policy, workload("Pod", pod));
        assert.deepStrictEqual(m, ['Pod "apps/pod": ephemeral container "debug" image (spec.ephemeralContainers[0].image) comes from registry ghcr.io, which allowedRegistries does not list; use an image from an allowed registry (*.azurecr.io).']);
    });

    it("names docker.io when the image names it explicitly", async () => {
        const m = await messages(policy, workload("Pod", withImage("docker.io/library/nginx:1.27.0")));
        assert.match(m[0], /image \(spec\.containers\[0\]\.image\) comes from registry docker\.io, which allowedRegistries does not list/);
        assert.ok(!m[0].includes("nginx"), "the rest of the reference is not repeated");
    });

    it("matches *.azurecr.io on a label boundary only, never as a string prefix or suffix", async () => {
        assert.strictEqual(await verdict("myacr.azurecr.io/app:1"), false);
        assert.strictEqual(await verdict("team.myacr.azurecr.io/app:1"), false);
        assert.strictEqual(await verdict("evilazurecr.io/app:1"), true);
        assert.strictEqual(await verdict("azurecr.io/app:1"), true);
        assert.strictEqual(await verdict("myacr.azurecr.io.evil.com/app:1"), true);
        assert.strictEqual(await verdict("evil.com/myacr.azurecr.io/app:1"), true);
    });

    it("matches an exact host, case-insensitively and without the port", async () => {
        const cfg = ["myacr.azurecr.io"];
        assert.strictEqual(await verdict("myacr.azurecr.io:443/app:1", cfg), false);
        assert.strictEqual(await verdict("MyAcr.AzureCR.io/app:1", cfg), false);
        assert.strictEqual(await verdict("other.azurecr.io/app:1", cfg), true);
        assert.strictEqual(await verdict("myacr.azurecr.io.evil.com/app:1", cfg), true);
        assert.strictEqual(await verdict("myacr.azurecr.io/app:1", ["myacr.azurecr.io:5000"]), false);
    });

    it("reads an image without a registry as docker.io, as Docker does", async () => {
        for (const image of ["nginx", "library/nginx:1.27", "bitnami/redis:7", "docker.io/nginx:1", "index.docker.io/library/nginx:1"]) {
            assert.strictEqual(await verdict(image, ["docker.io"]), false, image);
            assert.strictEqual(await verdict(image), true, image);
        }
        // The first component is a host only with a dot, a colon, or as localhost.
        assert.strictEqual(await verdict("localhost/app:1", ["docker.io"]), true);
        assert.strictEqual(await verdict("localhost:5000/app:1", ["localhost"]), false);
        assert.strictEqual(await verdict("registry:5000/app:1", ["registry"]), false);
        assert.strictEqual(await verdict("registry/app:1", ["registry"]), true);
    });

    // SPEC round 3: an entry may carry a repository path prefix, matched on a path segment boundary
    // (repository paths are `/`-separated components, as in the OCI distribution spec's <name>).
    it("matches an entry's repository path prefix on a path segment boundary", async () => {
        const cfg = ["contoso.azurecr.io/team-a"];
        for (const ok of ["contoso.azurecr.io/team-a/app:1", "contoso.azurecr.io/team-a/sub/app:1", "contoso.azurecr.io/team-a:1", "CONTOSO.azurecr.io:443/team-a/app:1"]) {
            assert.strictEqual(await verdict(ok, cfg), false, ok);
        }
        for (const bad of ["contoso.azurecr.io/team-ab/app:1", "contoso.azurecr.io/team/app:1", "contoso.azurecr.io/app:1", "other.azurecr.io/team-a/app:1", "contoso.azurecr.io/team-a/../team-b/app:1"]) {
            assert.strictEqual(await verdict(bad, cfg), true, bad);
        }
        assert.strictEqual(await verdict("contoso.azurecr.io/team-a/app:1", ["contoso.azurecr.io/team-a/"]), false, "a trailing slash is the same prefix");
        assert.strictEqual(await verdict("x.azurecr.io/team-a/app:1", ["*.azurecr.io/team-a"]), false);
        assert.strictEqual(await verdict("nginx:1", ["docker.io/library"]), false, "Docker Hub's implicit library/");
        assert.strictEqual(await verdict("bitnami/redis:7", ["docker.io/library"]), true);
    });

    it("says when the registry is allowed but the repository path is not", async () => {
        const m = await messages(policy, workload("Pod", withImage("contoso.azurecr.io/team-b/app:1")), { allowedRegistries: ["contoso.azurecr.io/team-a"] });
        assert.deepStrictEqual(m.slice(0, 1), ['Pod "apps/pod": container "app" image (spec.containers[0].image) comes from registry contoso.azurecr.io, but from a repository outside the paths allowedRegistries lists for it; use an image from an allowed registry (contoso.azurecr.io/team-a).']);
        assert.ok(!m[0].includes("team-b"), "the repository is not repeated");
    });

    it("fires on an invalid registry host and on an image that is not a string", async () => {
        assert.strictEqual(await verdict("my_acr.azurecr.io/app:1"), true);
        const m = await messages(policy, workload("Pod", withImage(42)));
        assert.deepStrictEqual(m, ['Pod "apps/pod": container "app" sets spec.containers[0].image to 42, not an image reference; use an image from an allowed registry (*.azurecr.io).']);
    });

    it("fires on every image when allowedRegistries is empty", async () => {
        assert.strictEqual((await messages(policy, workload("Pod", hardenedPod()), { allowedRegistries: [] })).length, 2);
    });

    it("defers an unknown image and still reports a known one beside it", async () => {
        const pod = mutate(hardenedPod(), p => { p.containers[0].image = UNKNOWN_STRING; p.initContainers[0].image = "quay.io/x/y:1"; });
        const m = await messages(policy, workload("CronJob", pod));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /init container "init"/);
    });

    it("judges only what a Patch sets, and every item of a List", async () => {
        const token = "kubernetes:apps/v1:DeploymentPatch";
        assert.deepStrictEqual(await messages(policy, workload("Deployment", { containers: [{ name: "app" }] }, { token })), []);
        assert.strictEqual((await messages(policy, workload("Deployment", { containers: [{ name: "app", image: "nginx:1" }] }, { token }))).length, 1);
        const list = { type: "kubernetes:core/v1:PodList", name: "list", props: { items: [workload("Pod", hardenedPod()).props, workload("Pod", withImage("nginx:1"), { name: "bad" }).props] } };
        const m = await messages(policy, list);
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /^Pod "apps\/bad": .*items\[1\]\.spec\.containers\[0\]\.image/);
    });

    it("matches older API versions", async () => {
        for (const token of ["kubernetes:extensions/v1beta1:Deployment", "kubernetes:apps/v1beta2:DaemonSet", "kubernetes:batch/v1beta1:CronJob"]) {
            const kind = token.split(":")[2];
            assert.strictEqual((await messages(policy, workload(kind, withImage("nginx:1"), { token }))).length, 1, token);
        }
    });
});
