// Each way of writing a value that Kubernetes' decoder (go-yaml v2, YAML 1.1) reads differently
// from a YAML 1.2 reader: the command line judges what kubectl would send (exit 1 naming the
// policy), or refuses the file naming the line (line breaks only go-yaml sees).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { aksGuard, checkJson, withTemp } from "../support/cli";

/** A Pod that the workload policies accept; `spec` and `container` lines are added to its pod spec and container. */
const pod = (name: string, o: { meta?: string; spec?: string; sc?: string; container?: string } = {}) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
${o.meta ?? ""}spec:
${o.spec ?? ""}  serviceAccountName: api
  automountServiceAccountToken: false
  securityContext:
    runAsNonRoot: true
    runAsUser: 10001
    runAsGroup: 10001
    fsGroup: 10001
${o.sc ?? ""}    seccompProfile: { type: RuntimeDefault }
  containers:
    - name: app
      image: myregistry.azurecr.io/api:1.4.2
      resources:
        requests: { cpu: 100m, memory: 128Mi }
        limits: { memory: 256Mi }
${o.container ?? ""}      securityContext:
        allowPrivilegeEscalation: false
        privileged: false
        readOnlyRootFilesystem: true
        runAsNonRoot: true
        capabilities: { drop: [ALL] }
`;
const port = (p: string) => `      ports:\n        - containerPort: ${p}\n`;

/** file → [text, the policy that judges the value Kubernetes decodes]. */
const CASES: Record<string, [string, string]> = {
    "host-network-yes.yaml": [pod("a", { spec: "  hostNetwork: yes\n" }), "k8s-no-host-namespaces"],
    "host-pid-on.yaml": [pod("b", { spec: "  hostPID: on\n" }), "k8s-no-host-namespaces"],
    "host-ipc-Y.yaml": [pod("c", { spec: "  hostIPC: Y\n" }), "k8s-no-host-namespaces"],
    "host-process-yes.yaml": [pod("d", { sc: "    windowsOptions: { hostProcess: yes }\n" }), "k8s-safe-kernel-settings"],
    "dapr-mtls-no.yaml": ["apiVersion: dapr.io/v1alpha1\nkind: Configuration\nmetadata: { name: dapr, namespace: shop }\nspec:\n  mtls:\n    enabled: no\n", "k8s-mesh-mtls-strict"],
    "port-0X50.yaml": [pod("e", { container: port("0X50") }), "k8s-no-privileged-ports"],
    "port-0b1010000.yaml": [pod("f", { container: port("0b1010000") }), "k8s-no-privileged-ports"],
    "port-8_0.yaml": [pod("g", { container: port("8_0") }), "k8s-no-privileged-ports"],
    "port-0O120.yaml": [pod("h", { container: port("0O120") }), "k8s-no-privileged-ports"],
    "port-01024.yaml": [pod("i", { container: port("01024") }), "k8s-no-privileged-ports"],
    "supplemental-0b0.yaml": [pod("j", { sc: "    supplementalGroups: [0b0]\n" }), "k8s-run-as-non-root-group"],
    "run-as-user-01000.yaml": [pod("k").replace("        readOnlyRootFilesystem: true\n", "        readOnlyRootFilesystem: true\n        runAsUser: 01000\n"), "k8s-run-as-non-root"],
    "merge-host-network.yaml": [pod("l", { spec: "  <<: {hostNetwork: true}\n" }), "k8s-no-host-namespaces"],
    "merge-privileged-wins.yaml": [pod("m").replace("        privileged: false\n", "        privileged: false\n        <<: {privileged: true}\n"), "k8s-no-privileged-containers"],
    "merge-out-of-exempted.yaml": [pod("n").replace("  namespace: shop\n", "  namespace: kube-system\n  <<: {namespace: shop}\n").replace("privileged: false", "privileged: true"), "k8s-no-privileged-containers"],
    "service-binary-type.yaml": ["apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: shop }\nspec:\n  type: !!binary TG9hZEJhbGFuY2Vy\n  ports: [{ port: 443 }]\n", "k8s-internal-load-balancer"],
    "binding-binary-cluster-admin.yaml": ["apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: { name: ops }\nroleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: !!binary Y2x1c3Rlci1hZG1pbg== }\nsubjects: [{ kind: Group, name: ops, apiGroup: rbac.authorization.k8s.io }]\n", "k8s-no-cluster-admin-binding"],
    "role-binary-star.yaml": ["apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: { name: r, namespace: shop }\nrules:\n  - apiGroups: [\"\"]\n    resources: [pods]\n    verbs: [!!binary Kg==]\n", "k8s-rbac-no-wildcards"],
};
const CONFIG = { "k8s-run-as-non-root": { minUserId: 1000 }, "k8s-no-privileged-containers": { excludeNamespaces: ["kube-system"] } };

describe("aks-guard check reads YAML as Kubernetes does (the bypasses of issue 20)", function () {
    this.timeout(180000);
    let run: ReturnType<typeof checkJson> | undefined;
    const once = () => run ??= withTemp(dir => {
        for (const [file, [text]] of Object.entries(CASES)) fs.writeFileSync(path.join(dir, file), text);
        const config = path.join(dir, "config.json");
        fs.writeFileSync(config, JSON.stringify(CONFIG));
        const files = Object.keys(CASES).map(f => path.join(dir, f));
        return checkJson(["--config", config, ...files]);
    });
    for (const [file, [, policy]] of Object.entries(CASES)) {
        it(`${file}: ${policy} judges the decoded value (exit 1)`, () => {
            const r = once();
            assert.strictEqual(r.status, 1, r.stderr);
            const found = (r.report.diagnostics as { policy: string; file: string }[]).filter(d => d.policy === policy && path.basename(d.file) === file);
            assert.ok(found.length > 0, `no ${policy} finding for ${file}: ${JSON.stringify(r.report.diagnostics.filter((d: any) => path.basename(d.file) === file).map((d: any) => d.policy))}`);
        });
    }
    for (const [name, brk] of [["CR", "\r"], ["NEL", "\u0085"], ["LS", "\u2028"], ["PS", "\u2029"]]) {
        it(`a ${name} in a comment, which ends the line for go-yaml, is refused naming the line (exit 2)`, () => withTemp(dir => {
            const file = path.join(dir, "pod.yaml");
            fs.writeFileSync(file, pod("p", { spec: `  hostNetwork: false # note${brk}  hostPID: true\n` }));
            const r = aksGuard(["check", file]);
            assert.strictEqual(r.status, 2, r.stdout + r.stderr);
            assert.match(r.stderr, /pod\.yaml:7: a line break that Kubernetes' YAML decoder sees/);
        }));
    }
});
