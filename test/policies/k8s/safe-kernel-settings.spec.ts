import * as assert from "assert";
import { secret, UNKNOWN_STRING } from "../../../harness";
import { SAFE_SYSCTLS_SINCE } from "../../../policies/k8s/safe-kernel-settings";
import { hardenedPod, messages, mutate, PolicyContract, workload, WORKLOADS } from "../../support/util";

const policy = "k8s-safe-kernel-settings";

export const contract: PolicyContract = {
    policy,
    bad: [workload("Deployment", mutate(hardenedPod(), p => { p.containers[0].securityContext.procMount = "Unmasked"; }))],
    target: 0,
    field: ["spec", "template", "spec", "containers", 0, "securityContext", "procMount"],
};

const sysctls = (...names: unknown[]) => mutate(hardenedPod(), p => { p.securityContext.sysctls = names.map(name => ({ name, value: "1" })); });

describe(policy, () => {
    for (const kind of Object.keys(WORKLOADS)) {
        it(`passes a hardened ${kind}`, async () => {
            assert.deepStrictEqual(await messages(policy, workload(kind, hardenedPod())), []);
        });
        it(`fires when an init container of a ${kind} unmasks /proc`, async () => {
            const pod = mutate(hardenedPod(), p => { p.initContainers[0].securityContext.procMount = "Unmasked"; });
            const m = await messages(policy, workload(kind, pod));
            assert.strictEqual(m.length, 1);
            assert.match(m[0], /init container "init" sets .*initContainers\[0\]\.securityContext\.procMount to a value other than Default; remove it or set it to Default\.$/);
        });
    }

    describe("sysctls", () => {
        // What each Pod Security version added to its safe sysctls (kubernetes/pod-security-admission
        // policy/check_sysctls.go, and its fixtures test/testdata/baseline/v1.N/pass/sysctls*.yaml;
        // the corpus suite runs the v1.37 fixtures). Each case is that version's behaviour.
        const PSA_ADDED: [version: string, names: string[]][] = [
            ["v1.0", ["kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start"]],
            ["v1.27", ["net.ipv4.ip_local_reserved_ports"]],
            ["v1.29", ["net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes"]],
            ["v1.32", ["net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"]],
            ["v1.37", ["net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat"]],
        ];
        for (const [version, names] of PSA_ADDED) {
            it(`passes the sysctls Pod Security ${version} made safe: ${names.join(", ")}`, async () => {
                assert.deepStrictEqual(await messages(policy, workload("Pod", sysctls(...names))), []);
            });
        }

        it("reads net/ipv4/tcp_rmem as net.ipv4.tcp_rmem (the kubelet takes / as the separator)", async () => {
            assert.deepStrictEqual(await messages(policy, workload("Pod", sysctls("net/ipv4/tcp_rmem", "net/ipv4/tcp_wmem", "kernel/shm_rmid_forced"))), []);
            assert.strictEqual((await messages(policy, workload("Pod", sysctls("net/ipv4/tcp_mem", "net/core/rmem_max")))).length, 2);
        });

        it("fires on the neighbours of the v1.32 additions that Pod Security never made safe", async () => {
            assert.strictEqual((await messages(policy, workload("Pod", sysctls("net.ipv4.tcp_mem", "net.core.rmem_max", "net.core.wmem_max", "net.ipv4.udp_rmem_min", "net.ipv4.tcp_rmem.x")))).length, 5);
        });

        it("cites, for each safe sysctl, a Pod Security version whose behaviour is tested here", () => {
            const tested = new Set(PSA_ADDED.map(([v]) => v));
            const cited = Object.entries(SAFE_SYSCTLS_SINCE).filter(([, v]) => !tested.has(v)).map(([n, v]) => `${n} (${v})`);
            assert.deepStrictEqual(cited, []);
        });

        it("fires on each unsafe sysctl without naming it", async () => {
            const m = await messages(policy, workload("Pod", sysctls("net.ipv4.tcp_syncookies", "kernel.msgmax", "net.core.somaxconn", "Kernel.Shm_rmid_forced", 7)));
            assert.deepStrictEqual(m, [1, 2, 3, 4].map(i => `Pod "apps/pod": spec.securityContext.sysctls[${i}].name is not a Pod Security safe sysctl; remove it (node-level tuning belongs to the node pool).`));
        });

        it("judges a secret entry by its value", async () => {
            const pod = mutate(hardenedPod(), p => { p.securityContext.sysctls = [secret({ name: "kernel.msgmax", value: "1" })]; });
            assert.strictEqual((await messages(policy, workload("Pod", pod))).length, 1);
        });

        it("defers an unknown name and ignores a malformed list", async () => {
            assert.strictEqual((await messages(policy, workload("Pod", sysctls(UNKNOWN_STRING, "kernel.msgmax")))).length, 1);
            for (const list of [null, "kernel.msgmax", UNKNOWN_STRING, [null, "x"]]) {
                const pod = mutate(hardenedPod(), p => { p.securityContext.sysctls = list; });
                assert.deepStrictEqual(await messages(policy, workload("Pod", pod)), [], JSON.stringify(list));
            }
        });
    });

    describe("procMount", () => {
        it("accepts Default and unset, on every container kind", async () => {
            const pod = mutate(hardenedPod(), p => {
                p.containers[0].securityContext.procMount = "Default";
                p.initContainers[0].securityContext.procMount = null;
                p.ephemeralContainers = [{ name: "debug", image: "busybox" }];
            });
            assert.deepStrictEqual(await messages(policy, workload("Pod", pod)), []);
        });

        it("fires on Unmasked even with hostUsers: false, and on an ephemeral container", async () => {
            const pod = mutate(hardenedPod(), p => {
                p.hostUsers = false;
                p.ephemeralContainers = [{ name: "debug", image: "busybox", securityContext: { procMount: "Unmasked" } }];
            });
            assert.deepStrictEqual(await messages(policy, workload("Pod", pod)), [
                'Pod "apps/pod": ephemeral container "debug" sets spec.ephemeralContainers[0].securityContext.procMount to a value other than Default; remove it or set it to Default.',
            ]);
        });
    });

    describe("AppArmor", () => {
        it("judges the effective profile: the container's own, else the pod's", async () => {
            const podUnconfined = mutate(hardenedPod(), p => { p.securityContext.appArmorProfile = { type: "Unconfined" }; });
            const m = await messages(policy, workload("Deployment", podUnconfined));
            assert.strictEqual(m.length, 2);
            assert.match(m[0], /container "app" runs with an AppArmor profile other than RuntimeDefault or Localhost \(spec\.template\.spec\.securityContext\.appArmorProfile\.type\)/);
            const overridden = mutate(podUnconfined, p => {
                p.containers[0].securityContext.appArmorProfile = { type: "RuntimeDefault" };
                p.initContainers[0].securityContext.appArmorProfile = { type: "Localhost", localhostProfile: "k8s-init" };
            });
            assert.deepStrictEqual(await messages(policy, workload("Deployment", overridden)), []);
        });

        it("fires when a container's own profile is Unconfined, of another type or not an object", async () => {
            for (const profile of [{ type: "Unconfined" }, { type: "unconfined" }, {}, "RuntimeDefault"]) {
                const pod = mutate(hardenedPod(), p => { p.securityContext.appArmorProfile = { type: "RuntimeDefault" }; p.containers[0].securityContext.appArmorProfile = profile; });
                const m = await messages(policy, workload("Pod", pod));
                assert.strictEqual(m.length, 1, JSON.stringify(profile));
                assert.match(m[0], /container "app" runs with an AppArmor profile other than RuntimeDefault or Localhost \(spec\.containers\[0\]\.securityContext\.appArmorProfile/);
            }
        });

        it("reads the legacy container annotations on the pod template", async () => {
            const annotations = {
                "container.apparmor.security.beta.kubernetes.io/app": "unconfined",
                "container.apparmor.security.beta.kubernetes.io/init": "runtime/default",
                "container.apparmor.security.beta.kubernetes.io/debug": "localhost/k8s-debug",
                "container.apparmor.security.beta.kubernetes.io/side": UNKNOWN_STRING,
                "example.com/other": "unconfined",
            };
            assert.deepStrictEqual(await messages(policy, workload("Deployment", hardenedPod(), { podMetadata: { annotations } })), [
                'Deployment "apps/deployment": annotation container.apparmor.security.beta.kubernetes.io/app (spec.template.metadata.annotations) is not runtime/default or localhost/<profile>; set it to runtime/default, or use securityContext.appArmorProfile.',
            ]);
            const m = await messages(policy, workload("Pod", hardenedPod(), { podMetadata: { annotations } }));
            assert.match(m[0], /^Pod "[^"]*": annotation .* \(metadata\.annotations\)/);
        });
    });

    describe("SELinux", () => {
        it("accepts the container types, an empty type and a level", async () => {
            const pod = mutate(hardenedPod(), p => {
                p.securityContext.seLinuxOptions = { type: "container_t", level: "s0:c123,c456" };
                p.containers[0].securityContext.seLinuxOptions = { type: "container_init_t" };
                p.initContainers[0].securityContext.seLinuxOptions = { type: "container_kvm_t", user: "", role: "" };
                p.ephemeralContainers = [{ name: "debug", image: "busybox", securityContext: { seLinuxOptions: { type: "container_engine_t" } } }];
            });
            assert.deepStrictEqual(await messages(policy, workload("Pod", pod)), []);
        });

        it("fires on a custom user, role and type, without repeating them", async () => {
            const pod = mutate(hardenedPod(), p => { p.containers[0].securityContext.seLinuxOptions = { type: "svirt_lxc_net_t", user: "sysadm_u", role: "sysadm_r" }; });
            assert.deepStrictEqual(await messages(policy, workload("Pod", pod)), [
                'Pod "apps/pod": container "app" sets a custom SELinux user (spec.containers[0].securityContext.seLinuxOptions.user); remove it.',
                'Pod "apps/pod": container "app" sets a custom SELinux role (spec.containers[0].securityContext.seLinuxOptions.role); remove it.',
                'Pod "apps/pod": container "app" sets a custom SELinux type (spec.containers[0].securityContext.seLinuxOptions.type); remove it or use container_t, container_init_t, container_kvm_t or container_engine_t.',
            ]);
        });

        it("judges the pod's options even when every container sets its own", async () => {
            const pod = mutate(hardenedPod(), p => {
                p.securityContext.seLinuxOptions = { role: "somevalue" };
                p.containers[0].securityContext.seLinuxOptions = {};
                p.initContainers[0].securityContext.seLinuxOptions = {};
            });
            assert.deepStrictEqual(await messages(policy, workload("StatefulSet", pod)), [
                'StatefulSet "apps/statefulset": the pod sets a custom SELinux role (spec.template.spec.securityContext.seLinuxOptions.role); remove it.',
            ]);
        });

        it("reports options that are not an object", async () => {
            const pod = mutate(hardenedPod(), p => { p.securityContext.seLinuxOptions = "container_t"; });
            assert.match((await messages(policy, workload("Pod", pod)))[0], /the pod sets spec\.securityContext\.seLinuxOptions to a string/);
        });
    });

    describe("Windows HostProcess", () => {
        it("fires on hostProcess: true at pod and container level", async () => {
            const pod = mutate(hardenedPod(), p => {
                p.securityContext.windowsOptions = { hostProcess: true };
                p.initContainers[0].securityContext.windowsOptions = { hostProcess: true };
                p.containers[0].securityContext.windowsOptions = { hostProcess: false };
            });
            assert.deepStrictEqual(await messages(policy, workload("DaemonSet", pod)), [
                'DaemonSet "apps/daemonset": the pod sets spec.template.spec.securityContext.windowsOptions.hostProcess to true; Windows HostProcess containers get full access to the node: remove it.',
                'DaemonSet "apps/daemonset": init container "init" sets spec.template.spec.initContainers[0].securityContext.windowsOptions.hostProcess to true; Windows HostProcess containers get full access to the node: remove it.',
            ]);
        });

        it("passes hostProcess false or unset", async () => {
            const pod = mutate(hardenedPod(), p => { p.securityContext.windowsOptions = { hostProcess: false, runAsUserName: "ContainerUser" }; });
            assert.deepStrictEqual(await messages(policy, workload("DaemonSet", pod)), []);
        });
    });

    it("defers unknown values and still reports a known one beside them", async () => {
        const pod = mutate(hardenedPod(), p => {
            p.securityContext.appArmorProfile = UNKNOWN_STRING;
            p.securityContext.seLinuxOptions = { type: UNKNOWN_STRING, user: UNKNOWN_STRING };
            p.securityContext.windowsOptions = UNKNOWN_STRING;
            p.containers[0].securityContext.procMount = UNKNOWN_STRING;
            p.initContainers[0].securityContext.procMount = "Unmasked";
        });
        const m = await messages(policy, workload("Job", pod));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /init container "init"/);
    });

    it("judges only what a Patch sets, and every item of a List", async () => {
        const patch = workload("Deployment", { containers: [{ name: "app" }] }, { token: "kubernetes:apps/v1:DeploymentPatch" });
        assert.deepStrictEqual(await messages(policy, patch), []);
        const badPatch = workload("Deployment", { securityContext: { sysctls: [{ name: "kernel.msgmax", value: "1" }] } }, { token: "kubernetes:apps/v1:DeploymentPatch" });
        assert.strictEqual((await messages(policy, badPatch)).length, 1);
        const bad = mutate(hardenedPod(), p => { p.containers[0].securityContext.procMount = "Unmasked"; });
        const list = { type: "kubernetes:apps/v1:DeploymentList", name: "list", props: { items: [workload("Deployment", hardenedPod()).props, workload("Deployment", bad, { name: "bad" }).props] } };
        const m = await messages(policy, list);
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /^Deployment "apps\/bad": container "app" sets items\[1\]\.spec\.template\.spec\.containers\[0\]/);
    });

    it("matches older API versions", async () => {
        const bad = mutate(hardenedPod(), p => { p.containers[0].securityContext.procMount = "Unmasked"; });
        for (const token of ["kubernetes:extensions/v1beta1:Deployment", "kubernetes:apps/v1beta2:DaemonSet", "kubernetes:batch/v1beta1:CronJob"]) {
            const kind = token.split(":")[2];
            assert.strictEqual((await messages(policy, workload(kind, bad, { token }))).length, 1, token);
        }
    });
});
