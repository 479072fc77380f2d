// The workload policies together, at their default levels, the way a stack meets them: hardened
// workloads of every kind pass all of them; the bundled insecure Deployment gets exactly the
// expected diagnostics.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { Session } from "../harness";
import { hardenedPod, session, workload, WORKLOADS } from "./support/util";

describe("workload policies together", () => {
    let s: Session;
    // The run's shared pack process, configured with every policy at its default level.
    before(async () => { s = await session(); await s.reconfigure({}); });

    for (const kind of ["Deployment", "StatefulSet", "DaemonSet", "CronJob", "Pod", ...Object.keys(WORKLOADS)].filter((k, i, a) => a.indexOf(k) === i)) {
        it(`a hardened ${kind} with an init container passes every policy`, async () => {
            const r = await s.run([workload(kind, hardenedPod())]);
            assert.deepStrictEqual(r.resources[0].diagnostics.map(d => `${d.policyName}: ${d.message}`), []);
        });
    }

    it("the bundled insecure Deployment gets exactly the expected diagnostics at their default levels", async () => {
        const file = path.resolve(__dirname, "..", "..", "examples", "manifests", "insecure", "legacy.yaml");
        const deployment = parseAllDocuments(fs.readFileSync(file, "utf8")).map(d => d.toJS()).find(o => o.kind === "Deployment");
        const r = await s.run([{ type: "kubernetes:apps/v1:Deployment", name: "legacy-web", props: deployment }]);
        const c = "spec.template.spec.containers[0]", pod = "spec.template.spec";
        // policy, level, and the field each message must name
        const expected = [
            ["k8s-no-plaintext-secrets-in-env", "advisory", `${c}.env[0].value`],
            ["k8s-no-privileged-ports", "mandatory", `${c}.ports[0].containerPort`],
            ["k8s-no-privileged-ports", "mandatory", `${c}.ports[0].hostPort`],
            ["k8s-run-as-non-root", "mandatory", `${c}.securityContext.runAsNonRoot`],
            ["k8s-run-as-non-root", "mandatory", `${c}.securityContext.runAsUser`],
            ["k8s-run-as-non-root-group", "mandatory", `${c}.securityContext.runAsGroup`],
            ["k8s-run-as-non-root-group", "mandatory", `${pod}.securityContext.fsGroup`],
            ["k8s-allowed-registries", "mandatory", `${c}.image`],
            ["k8s-image-tag-pinned", "mandatory", `${c}.image`],
            ["k8s-drop-all-capabilities", "mandatory", `${c}.securityContext.capabilities.drop`],
            ["k8s-drop-all-capabilities", "mandatory", `${c}.securityContext.capabilities.add[0]`],
            ["k8s-drop-all-capabilities", "mandatory", `${c}.securityContext.capabilities.add[1]`],
            ["k8s-no-privilege-escalation", "mandatory", `${c}.securityContext.allowPrivilegeEscalation`],
            ["k8s-read-only-root-filesystem", "mandatory", `${c}.securityContext.readOnlyRootFilesystem`],
            ["k8s-no-privileged-containers", "mandatory", `${c}.securityContext.privileged`],
            ["k8s-no-host-namespaces", "mandatory", `${pod}.hostNetwork`],
            ["k8s-no-host-namespaces", "mandatory", `${pod}.hostPID`],
            ["k8s-no-host-namespaces", "mandatory", `${c}.ports[0].hostPort`],
            ["k8s-no-host-path-volumes", "mandatory", `${pod}.volumes[0].hostPath`],
            ["k8s-seccomp-profile", "mandatory", `${c}.securityContext.seccompProfile`],
            ["k8s-safe-kernel-settings", "mandatory", "container.apparmor.security.beta.kubernetes.io/web"],
            ["k8s-memory-requests-limits", "mandatory", `${c}.resources.requests.memory`],
            ["k8s-memory-requests-limits", "mandatory", `${c}.resources.limits.memory`],
            ["k8s-cpu-requests-limits", "advisory", `${c}.resources.requests.cpu`],
            ["k8s-dedicated-service-account", "advisory", `${pod}.serviceAccountName`],
            ["k8s-dedicated-service-account", "advisory", `${pod}.automountServiceAccountToken`],
        ];
        const got = r.resources[0].diagnostics;
        const unexpected = got.filter(d => !expected.some(([p, l, f]) => d.policyName === p && d.enforcementLevel === l && d.message.includes(f)));
        const missing = expected.filter(([p, l, f]) => !got.some(d => d.policyName === p && d.enforcementLevel === l && d.message.includes(f)));
        assert.deepStrictEqual({ unexpected: unexpected.map(d => `${d.policyName} ${d.enforcementLevel}: ${d.message}`), missing }, { unexpected: [], missing: [] });
        assert.strictEqual(got.length, expected.length);
        for (const d of got) assert.ok(!d.message.includes("hunter2"), "never echoes an env value");
    });
});

