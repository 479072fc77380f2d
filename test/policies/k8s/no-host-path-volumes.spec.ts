import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { hardenedPod, messages, mutate, PodSpec, PolicyContract, workload, WORKLOADS } from "../../support/util";

const policy = "k8s-no-host-path-volumes";

const withHostPath = (...paths: unknown[]): PodSpec => mutate(hardenedPod(), p => {
    p.volumes = [{ name: "cache", emptyDir: {} }, ...paths.map((path, i) => ({ name: `host${i}`, hostPath: { path, type: "Directory" } }))];
});

export const contract: PolicyContract = {
    policy,
    bad: [workload("Deployment", withHostPath("/var/run/docker.sock"))],
    target: 0,
    field: ["spec", "template", "spec", "volumes", 1, "hostPath"],
};

describe(policy, () => {
    for (const kind of Object.keys(WORKLOADS)) {
        it(`passes a ${kind} with only non-host volumes`, async () => {
            const pod = mutate(hardenedPod(), p => { p.volumes = [{ name: "cache", emptyDir: {} }, { name: "cfg", configMap: { name: "cfg" } }]; });
            assert.deepStrictEqual(await messages(policy, workload(kind, pod)), []);
        });
        it(`fires when a ${kind} mounts a hostPath volume`, async () => {
            const m = await messages(policy, workload(kind, withHostPath("/var/run/docker.sock")));
            assert.strictEqual(m.length, 1);
            assert.match(m[0], /volume "host0" mounts host path "\/var\/run\/docker\.sock" \(.*spec\.volumes\[1\]\.hostPath\); replace it/);
        });
    }

    it("names the host path it found, as written, so the user can find it", async () => {
        const m = await messages(policy, workload("Pod", withHostPath("/srv//data/../logs")));
        assert.deepStrictEqual(m, ['Pod "apps/pod": volume "host0" mounts host path "/srv//data/../logs" (spec.volumes[1].hostPath); replace it with a volume that does not expose the node\'s filesystem.']);
        const outside = await messages(policy, workload("Pod", withHostPath("/etc/kubernetes")), { allowedHostPaths: ["/var/log"] });
        assert.deepStrictEqual(outside, ['Pod "apps/pod": volume "host0" mounts host path "/etc/kubernetes" outside allowedHostPaths (spec.volumes[1].hostPath.path); use an allowed prefix or a volume that does not expose the node\'s filesystem.']);
    });

    it("quotes a strange path and shortens a very long one; a path that is not a string is not named", async () => {
        const [quoted] = await messages(policy, workload("Pod", withHostPath('/a "b"\n/c')));
        assert.match(quoted, /mounts host path "\/a \\"b\\"\\n\/c" \(/);
        const [long] = await messages(policy, workload("Pod", withHostPath("/" + "x".repeat(500))));
        assert.match(long, new RegExp(`mounts host path "/${"x".repeat(116)}\\.\\.\\." \\(`));
        const [notString] = await messages(policy, workload("Pod", withHostPath(42)));
        assert.match(notString, /mounts a host path \(spec\.volumes\[1\]\.hostPath\)/);
    });

    it("allows paths under allowedHostPaths on a segment boundary only", async () => {
        const cfg = { allowedHostPaths: ["/foo", "/var/log/"] };
        for (const path of ["/foo", "/foo/", "/foo/bar", "/foo//bar/./baz", "/var/log", "/var/log/pods"]) {
            assert.deepStrictEqual(await messages(policy, workload("DaemonSet", withHostPath(path)), cfg), [], path);
        }
        for (const path of ["/foobar", "/fo", "/foo/../etc", "/var/logs", "foo/bar", "/", 42]) {
            const m = await messages(policy, workload("DaemonSet", withHostPath(path)), cfg);
            assert.strictEqual(m.length, 1, String(path));
            assert.match(m[0], /mounts (host path ".*"|a host path) outside allowedHostPaths \(.*volumes\[1\]\.hostPath\.path\)/);
        }
    });

    it("lets an allowed prefix written with .. or slashes match its normal form", async () => {
        assert.deepStrictEqual(await messages(policy, workload("Pod", withHostPath("/data/x")), { allowedHostPaths: ["/srv/../data//"] }), []);
        assert.deepStrictEqual(await messages(policy, workload("Pod", withHostPath("/anything")), { allowedHostPaths: ["/"] }), []);
    });

    it("reports every hostPath volume that is not allowed", async () => {
        const m = await messages(policy, workload("Pod", withHostPath("/foo/a", "/etc", "/proc")), { allowedHostPaths: ["/foo"] });
        assert.strictEqual(m.length, 2);
        assert.match(m[0], /volume "host1"/);
        assert.match(m[1], /volume "host2"/);
    });

    it("ignores null hostPath fields and malformed volume lists", async () => {
        for (const volumes of [null, "x", [null, 7, { name: "v", hostPath: null }]]) {
            const pod = mutate(hardenedPod(), p => { p.volumes = volumes; });
            assert.deepStrictEqual(await messages(policy, workload("Pod", pod)), [], JSON.stringify(volumes));
        }
    });

    it("defers an unknown hostPath and an unknown path under an allow-list, but not a known one beside it", async () => {
        const pod = mutate(withHostPath(UNKNOWN_STRING, "/etc"), p => { p.volumes.push({ name: "later", hostPath: UNKNOWN_STRING }); });
        const m = await messages(policy, workload("StatefulSet", pod), { allowedHostPaths: ["/foo"] });
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /volume "host1"/);
    });

    it("reports a hostPath volume with an unknown path when no path is allowed", async () => {
        const m = await messages(policy, workload("Pod", withHostPath(UNKNOWN_STRING)));
        assert.strictEqual(m.length, 1);
    });

    it("judges only what a Patch sets, and every item of a List", async () => {
        const patch = workload("Deployment", { containers: [{ name: "app" }] }, { token: "kubernetes:apps/v1:DeploymentPatch" });
        assert.deepStrictEqual(await messages(policy, patch), []);
        const badPatch = workload("Deployment", { volumes: [{ name: "h", hostPath: { path: "/" } }] }, { token: "kubernetes:apps/v1:DeploymentPatch" });
        assert.strictEqual((await messages(policy, badPatch)).length, 1);
        const list = { type: "kubernetes:core/v1:PodList", name: "list", props: { items: [workload("Pod", hardenedPod()).props, workload("Pod", withHostPath("/etc"), { name: "bad" }).props] } };
        assert.deepStrictEqual(await messages(policy, list), ['Pod "apps/bad": volume "host0" mounts host path "/etc" (items[1].spec.volumes[1].hostPath); replace it with a volume that does not expose the node\'s filesystem.']);
    });

    it("matches older API versions", async () => {
        for (const token of ["kubernetes:extensions/v1beta1:Deployment", "kubernetes:apps/v1beta2:DaemonSet", "kubernetes:batch/v1beta1:CronJob"]) {
            const kind = token.split(":")[2];
            assert.strictEqual((await messages(policy, workload(kind, withHostPath("/etc"), { token }))).length, 1, token);
        }
    });
});

// Round 3: PersistentVolume spec.hostPath and spec.local, as the Pod Security hostPath rule would
// see them through a claim (Kubernetes: a PV is mounted on the node at that path).
describe(`${policy}: PersistentVolumes`, () => {
    const pv = (spec: Record<string, unknown>, token = "kubernetes:core/v1:PersistentVolume") =>
        ({ type: token, name: "pv", props: { apiVersion: "v1", kind: "PersistentVolume", metadata: { name: "data" }, spec: { capacity: { storage: "1Gi" }, ...spec } } });

    it("reports hostPath and local PersistentVolumes, naming the field; a CSI one passes", async () => {
        assert.deepStrictEqual(await messages(policy, pv({ hostPath: { path: "/var/lib/data" } })), ['PersistentVolume "data": it declares host path "/var/lib/data" (spec.hostPath); replace it with a volume that does not expose the node\'s filesystem.']);
        assert.deepStrictEqual(await messages(policy, pv({ local: { path: "/mnt/disks/ssd1" } })), ['PersistentVolume "data": it declares a local volume at host path "/mnt/disks/ssd1" (spec.local); replace it with a volume that does not expose the node\'s filesystem.']);
        assert.deepStrictEqual(await messages(policy, pv({ csi: { driver: "disk.csi.azure.com", volumeHandle: "h" } })), []);
    });

    it("applies allowedHostPaths on a segment boundary, defers unknowns, judges Patch and List", async () => {
        const cfg = { allowedHostPaths: ["/mnt/disks"] };
        assert.deepStrictEqual(await messages(policy, pv({ local: { path: "/mnt/disks/ssd1" } }), cfg), []);
        assert.match((await messages(policy, pv({ local: { path: "/mnt/disksx" } }), cfg))[0], /outside allowedHostPaths \(spec\.local\.path\)/);
        assert.deepStrictEqual(await messages(policy, pv({ local: { path: UNKNOWN_STRING }, hostPath: UNKNOWN_STRING }), cfg), []);
        assert.deepStrictEqual(await messages(policy, pv({}, "kubernetes:core/v1:PersistentVolumePatch")), []);
        const list = { type: "kubernetes:core/v1:PersistentVolumeList", name: "l", props: { items: [pv({ hostPath: { path: "/" } }).props] } };
        assert.match((await messages(policy, list))[0], /\(items\[0\]\.spec\.hostPath\)/);
    });
});
