// Paths from Kubernetes' RBAC good practices ("Privilege escalation risks": CSR approval, token
// request, webhook configurations, PersistentVolume creation, endpoints in edit after
// CVE-2021-25740), CVE-2020-8554 (services/status) and the authorizer's matching (lib/rbac). The
// CSR case follows the authorizer (update on certificatesigningrequests/approval and approve on
// signers, both needed); Kubescape C-0280..C-0282 read `pods/*` as attach, which Kubernetes does
// not (see test/support/corpus-differences.ts). Kubescape's rule tests for C-0063, C-0280, C-0281
// and C-0282 are converted (data/kubescape-rbac.json) and asserted below: 9 violations / 3 passes
// upstream; aks-guard agrees on 9 of the 12 cases, and the other 3 are those two readings.
import * as assert from "assert";
import { ResourceInput, UNKNOWN_STRING } from "../../../harness";
import { messages, PolicyContract } from "../../support/util";
import { kubescapeRbacCases } from "../../support/kubescape";

const policy = "k8s-rbac-no-privilege-paths";

function role(kind: "Role" | "ClusterRole", rules: unknown[], opts: { namespace?: string; labels?: Record<string, string>; token?: string } = {}): ResourceInput {
    return {
        type: opts.token ?? `kubernetes:rbac.authorization.k8s.io/v1:${kind}`, name: "r",
        props: { apiVersion: "rbac.authorization.k8s.io/v1", kind, metadata: { name: "r", labels: opts.labels, ...(kind === "Role" ? { namespace: opts.namespace ?? "apps" } : {}) }, rules },
    };
}
const rule = (apiGroups: string[], resources: string[], verbs: string[]) => ({ apiGroups, resources, verbs });

export const contract: PolicyContract = {
    policy,
    bad: [role("Role", [rule([""], ["pods/attach"], ["create"])])],
    target: 0,
    field: ["rules", 0, "verbs"],
};

describe(policy, () => {
    it("agrees with Kubescape's rule tests (C-0063, C-0280..C-0282), except where Kubernetes' authorizer disagrees", async () => {
        const path = { "C-0063": "pods-portforward", "C-0280": "csr-approve", "C-0281": "webhook-config-write", "C-0282": "serviceaccount-token-create" } as Record<string, string>;
        // Kubescape reads pods/* as every pods subresource, and flags the CSR approval subresource alone
        // (the authorizer also asks for approve on signers): aks-guard follows Kubernetes there.
        const followsKubernetes = new Set(["C-0063/clusterrole-clusterrolebinding", "C-0280/clusterrole-rolebinding", "C-0280/role-rolebinding"]);
        const counts = { upstream: [0, 0], agreed: 0 };
        for (const c of kubescapeRbacCases().filter(c => c.control in path)) {
            const m = await messages(policy, c.resources);
            const named = m.some(x => x.includes(`(path ${path[c.control]}:`));
            counts.upstream[c.alerts > 0 ? 0 : 1]++;
            if (followsKubernetes.has(`${c.control}/${c.case}`)) {
                assert.ok(c.alerts > 0 && !named, `${c.control}/${c.case}: Kubescape alerts, the authorizer grants no ${path[c.control]}: ${m}`);
                continue;
            }
            assert.strictEqual(named, c.alerts > 0, `${c.control}/${c.case}: ${m}`);
            counts.agreed++;
        }
        assert.deepStrictEqual(counts, { upstream: [9, 3], agreed: 9 });
    });

    it("names each path, its rule, the verbs and the fix", async () => {
        assert.deepStrictEqual(await messages(policy, role("Role", [rule([""], ["pods/portforward"], ["get"])])), ['Role "apps/r": rules[0] grants get on pods/portforward (path pods-portforward: it reaches any pod\'s ports past network policies); remove the grant, or add "pods-portforward" to allowedPaths if this role needs it by design.']);
        const cases: [unknown[], RegExp][] = [
            [[rule(["admissionregistration.k8s.io"], ["mutatingwebhookconfigurations"], ["patch"])], /patch on mutatingwebhookconfigurations \(path webhook-config-write/],
            [[rule([""], ["serviceaccounts/token"], ["create"])], /create on serviceaccounts\/token \(path serviceaccount-token-create/],
            [[rule([""], ["services/status"], ["update", "patch"])], /update\/patch on services\/status \(path services-status-write.*CVE-2020-8554/],
            [[rule([""], ["persistentvolumes"], ["create"])], /create on persistentvolumes \(path persistentvolume-create/],
            [[rule(["*"], ["*/attach"], ["*"])], /create\/get on pods\/attach \(path pods-attach/],
        ];
        for (const [rules, re] of cases) {
            const m = await messages(policy, role("ClusterRole", rules));
            assert.ok(m.some(x => re.test(x)), `${re} in ${m}`);
        }
    });

    it("csr-approve needs both grants, in any rules of the role", async () => {
        const approval = rule(["certificates.k8s.io"], ["certificatesigningrequests/approval"], ["update"]);
        const signer = { ...rule(["certificates.k8s.io"], ["signers"], ["approve"]), resourceNames: ["kubernetes.io/kube-apiserver-client"] };
        assert.deepStrictEqual(await messages(policy, role("ClusterRole", [approval])), []);
        assert.deepStrictEqual(await messages(policy, role("ClusterRole", [signer])), []);
        const [m] = await messages(policy, role("ClusterRole", [approval, signer]));
        assert.match(m, /rules\[0\] grants update on certificatesigningrequests\/approval and rules\[1\] approve on signers \(path csr-approve/);
    });

    it("endpoints only in a ClusterRole aggregated to edit; configmaps only where kube-system is reachable", async () => {
        const endpoints = [rule([""], ["endpoints"], ["create"]), rule(["discovery.k8s.io"], ["endpointslices"], ["patch"])];
        assert.deepStrictEqual(await messages(policy, role("ClusterRole", endpoints)), []);
        assert.strictEqual((await messages(policy, role("ClusterRole", endpoints, { labels: { "rbac.authorization.k8s.io/aggregate-to-edit": "true" } }))).length, 2);
        const cm = [rule([""], ["configmaps"], ["update"])];
        assert.deepStrictEqual(await messages(policy, role("Role", cm, { namespace: "apps" })), []);
        assert.match((await messages(policy, role("Role", cm, { namespace: "kube-system" })))[0], /path kube-system-configmap-write/);
        assert.match((await messages(policy, role("ClusterRole", [{ ...cm[0], resourceNames: ["other"] }])))[0], /path kube-system-configmap-write/, "resourceNames do not remove a grant");
        assert.deepStrictEqual(await messages(policy, role("Role", cm, { namespace: UNKNOWN_STRING })), []);
    });

    it("follows the authorizer: pods/* is a literal, other groups and verbs grant nothing here", async () => {
        assert.deepStrictEqual(await messages(policy, role("Role", [rule([""], ["pods/*"], ["*"]), rule(["apps"], ["pods/attach"], ["create"]), rule([""], ["pods/attach"], ["list", "watch"]), rule([""], ["pods"], ["get"])])), []);
    });

    it("allowedPaths keeps a named path; unknown verbs are deferred; Patch, List and older versions", async () => {
        assert.deepStrictEqual(await messages(policy, role("Role", [rule([""], ["pods/attach"], ["create"])]), { allowedPaths: ["pods-attach"] }), []);
        assert.deepStrictEqual(await messages(policy, role("Role", [rule([""], ["pods/attach"], [UNKNOWN_STRING]), UNKNOWN_STRING])), []);
        assert.deepStrictEqual(await messages(policy, role("Role", [], { token: "kubernetes:rbac.authorization.k8s.io/v1:RolePatch" })), []);
        assert.strictEqual((await messages(policy, role("Role", [rule([""], ["pods/attach"], ["create"])], { token: "kubernetes:rbac.authorization.k8s.io/v1beta1:Role" }))).length, 1);
        const list = { type: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleList", name: "l", props: { items: [role("ClusterRole", [rule([""], ["persistentvolumes"], ["create"])]).props] } };
        assert.match((await messages(policy, list))[0], /items\[0\]\.rules\[0\] grants create on persistentvolumes/);
    });
});
