// k8s-safe-kernel-settings
// The kernel-level settings of the Pod Security baseline, following the newest PSA lists:
// - sysctls: only the safe set (the pod's securityContext.sysctls), by its dotted or its
//   slash-separated name (`net/ipv4/tcp_rmem` is `net.ipv4.tcp_rmem`, as the kubelet reads it);
// - procMount: unset or Default on every container, even with hostUsers: false (SPEC: the
//   restricted reading);
// - AppArmor: the effective appArmorProfile of every container (its own, else the pod's) is
//   unset, RuntimeDefault or Localhost; the legacy pod annotations
//   container.apparmor.security.beta.kubernetes.io/<container> are "", runtime/default or
//   localhost/<profile>;
// - SELinux: seLinuxOptions sets no user and no role, and its type is unset, "" or one of
//   container_t, container_init_t, container_kvm_t, container_engine_t. The pod's options and
//   each container's own are judged on their own (as PSA does): the pod's also label the pod
//   sandbox and its volumes, so a container overriding them does not make them harmless;
// - Windows: windowsOptions.hostProcess is not true on the pod or any container.
// Containers means containers, init and ephemeral containers.
import { Report, workloadPolicy } from "../lib/policy";
import { arr, get, isObj, obj, show, UNKNOWN } from "../lib/values";
import { ContainerView, containersOf, effective, PodView } from "../lib/workload";

/**
 * Pod Security's safe sysctls, each with the Pod Security version that added it
 * (kubernetes/pod-security-admission, policy/check_sysctls.go: sysctlsAllowedV1Dot0, ...V1Dot27,
 * ...V1Dot29, ...V1Dot32, ...V1Dot37). The pack follows the newest set, so the union of them all.
 */
export const SAFE_SYSCTLS_SINCE: Readonly<Record<string, string>> = {
    "kernel.shm_rmid_forced": "v1.0",
    "net.ipv4.ip_local_port_range": "v1.0",
    "net.ipv4.ip_unprivileged_port_start": "v1.0",
    "net.ipv4.tcp_syncookies": "v1.0",
    "net.ipv4.ping_group_range": "v1.0",
    "net.ipv4.ip_local_reserved_ports": "v1.27",
    "net.ipv4.tcp_keepalive_time": "v1.29",
    "net.ipv4.tcp_fin_timeout": "v1.29",
    "net.ipv4.tcp_keepalive_intvl": "v1.29",
    "net.ipv4.tcp_keepalive_probes": "v1.29",
    "net.ipv4.tcp_rmem": "v1.32",
    "net.ipv4.tcp_wmem": "v1.32",
    "net.ipv4.tcp_slow_start_after_idle": "v1.37",
    "net.ipv4.tcp_notsent_lowat": "v1.37",
};
const SAFE_SYSCTLS = new Set(Object.keys(SAFE_SYSCTLS_SINCE));
const SAFE_SELINUX_TYPES = new Set(["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"]);
const SAFE_APPARMOR_TYPES = new Set(["RuntimeDefault", "Localhost"]);
const APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

/** A sysctl name in dotted form: the kubelet also takes `/` as separator (`net/ipv4/tcp_syncookies`). */
function dotted(name: string): string {
    const firstSep = name.search(/[./]/);
    if (firstSep < 0 || name[firstSep] === ".") return name;
    return name.replace(/[./]/g, c => (c === "/" ? "." : "/"));
}

const isSet = (v: unknown) => v !== undefined && v !== null && v !== UNKNOWN;

function checkSysctls(pod: PodView, report: Report): void {
    arr(pod.spec, "securityContext", "sysctls").forEach((_item, i, sysctls) => {
        const entry = obj(sysctls, i);
        if (!entry) return; // not a sysctl entry (the API rejects it)
        const name = get(entry, "name");
        if (name === UNKNOWN || (typeof name === "string" && SAFE_SYSCTLS.has(dotted(name)))) return;
        report(`${pod.specPath}.securityContext.sysctls[${i}].name is not a Pod Security safe sysctl; remove it (node-level tuning belongs to the node pool).`);
    });
}

function checkProcMount(cv: ContainerView, report: Report): void {
    const v = get(cv.c, "securityContext", "procMount");
    if (isSet(v) && v !== "Default") report(`${cv.label} sets ${cv.path}.securityContext.procMount to a value other than Default; remove it or set it to Default.`);
}

function checkAppArmor(pod: PodView, cv: ContainerView, report: Report): void {
    const eff = effective(pod, cv, "appArmorProfile");
    if (!isSet(eff.value)) return;
    const type = get(eff.value, "type");
    if (type === UNKNOWN || (typeof type === "string" && SAFE_APPARMOR_TYPES.has(type))) return;
    const field = isObj(eff.value) ? `${eff.path}.type` : `${eff.path}, set to ${show(eff.value)}`;
    report(`${cv.label} runs with an AppArmor profile other than RuntimeDefault or Localhost (${field}); set its type to RuntimeDefault or Localhost.`);
}

function checkAppArmorAnnotations(pod: PodView, report: Report): void {
    const annotations = obj(pod.podMeta, "annotations");
    if (!annotations) return;
    const at = `${pod.specPath.slice(0, -"spec".length)}metadata.annotations`;
    for (const key of Object.keys(annotations)) {
        if (!key.startsWith(APPARMOR_ANNOTATION)) continue;
        const v = get(annotations, key);
        if (v === UNKNOWN || v === "" || v === "runtime/default" || (typeof v === "string" && v.startsWith("localhost/"))) continue;
        report(`annotation ${key} (${at}) is not runtime/default or localhost/<profile>; set it to runtime/default, or use securityContext.appArmorProfile.`);
    }
}

function checkSELinux(options: unknown, path: string, owner: string, report: Report): void {
    if (!isSet(options)) return;
    if (!isObj(options)) {
        report(`${owner} sets ${path} to ${show(options)}; remove it or set an allowed SELinux type.`);
        return;
    }
    for (const field of ["user", "role"] as const) {
        const v = get(options, field);
        if (isSet(v) && v !== "") report(`${owner} sets a custom SELinux ${field} (${path}.${field}); remove it.`);
    }
    const type = get(options, "type");
    if (isSet(type) && !(typeof type === "string" && SAFE_SELINUX_TYPES.has(type))) {
        report(`${owner} sets a custom SELinux type (${path}.type); remove it or use container_t, container_init_t, container_kvm_t or container_engine_t.`);
    }
}

function checkHostProcess(v: unknown, path: string, owner: string, report: Report): void {
    if (v === true) report(`${owner} sets ${path} to true; Windows HostProcess containers get full access to the node: remove it.`);
}

export const safeKernelSettings = workloadPolicy({
    name: "k8s-safe-kernel-settings",
    practice: "4",
    description: "Pods must not use unsafe sysctls, unmasked /proc, unconfined AppArmor, custom SELinux options or Windows HostProcess (Pod Security baseline).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Keep to the Pod Security safe sysctls, remove procMount: Unmasked, use AppArmor RuntimeDefault or Localhost (not Unconfined), drop custom SELinux user/role/type, and do not run Windows HostProcess containers.",
}, (pod, _cfg, report) => {
    checkSysctls(pod, report);
    checkAppArmorAnnotations(pod, report);
    const podCtx = `${pod.specPath}.securityContext`;
    checkSELinux(get(pod.spec, "securityContext", "seLinuxOptions"), `${podCtx}.seLinuxOptions`, "the pod", report);
    checkHostProcess(get(pod.spec, "securityContext", "windowsOptions", "hostProcess"), `${podCtx}.windowsOptions.hostProcess`, "the pod", report);
    for (const cv of containersOf(pod)) {
        const ctx = `${cv.path}.securityContext`;
        checkProcMount(cv, report);
        checkAppArmor(pod, cv, report);
        checkSELinux(get(cv.c, "securityContext", "seLinuxOptions"), `${ctx}.seLinuxOptions`, cv.label, report);
        checkHostProcess(get(cv.c, "securityContext", "windowsOptions", "hostProcess"), `${ctx}.windowsOptions.hostProcess`, cv.label, report);
    }
});
