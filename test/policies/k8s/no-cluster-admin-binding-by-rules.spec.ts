// k8s-no-cluster-admin-binding, its stack part (SPEC, settled semantics round 2): a binding to any
// Role or ClusterRole of the stack whose rules grant `*` verbs on `*` resources in the `*` API
// group is judged exactly like one to cluster-admin. The role and the binding are separate
// resources: only AnalyzeStack sees both. A file of its own so that the catalog matrix runs its
// contract for this part too.
import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { judge, messages, PolicyContract } from "../../support/util";
import { binding, group, list, RBAC_VERSIONS, role, Rule, serviceAccount, user } from "../../support/rbac";

const policy = "k8s-no-cluster-admin-binding";
const clusterAdmin = { kind: "ClusterRole", name: "cluster-admin" };
const everything: Rule = { apiGroups: ["*"], resources: ["*"], verbs: ["*"] };
const readPods: Rule = { apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] };
const argocd = role("ClusterRole", [everything, { nonResourceURLs: ["*"], verbs: ["*"] } as Rule], { name: "argocd-application-controller" });
const toArgocd = { kind: "ClusterRole", name: "argocd-application-controller" };

export const contract: PolicyContract = {
    policy,
    bad: [argocd, binding("ClusterRoleBinding", toArgocd, [user("alice")])],
    target: 1,
    field: ["subjects", 0, "name"],
};

describe(`${policy}: roles that grant everything, like cluster-admin`, () => {
    for (const version of RBAC_VERSIONS) {
        it(`fires on a ClusterRoleBinding (${version}) of a custom ClusterRole in the stack that grants everything`, async () => {
            const b = binding("ClusterRoleBinding", toArgocd, [serviceAccount("argocd-application-controller", "argocd")], { version });
            const ds = await judge(policy, [role("ClusterRole", [everything], { name: "argocd-application-controller", version }), b]);
            assert.deepStrictEqual(ds.map(d => d.message.slice(d.message.indexOf("\n") + 1)), ['ClusterRoleBinding "clusterrolebinding-x": subjects[0] (ServiceAccount) is bound cluster-wide to ClusterRole "argocd-application-controller" (roleRef), whose rules[0] grants every verb on every resource in every API group, like cluster-admin; bind a narrower role with a RoleBinding in the namespaces it needs.']);
            assert.ok(ds[0].urn.endsWith("::clusterrolebinding-x"), ds[0].urn);
        });
    }

    it("fires on a RoleBinding of that ClusterRole, and of a Role in the binding's namespace that grants everything", async () => {
        const m = await messages(policy, [argocd, binding("RoleBinding", toArgocd, [user("alice")], { name: "rb-cluster-role" })]);
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /^RoleBinding "apps\/rb-cluster-role": subjects\[0\] \(User\) is bound in its namespace to ClusterRole "argocd-application-controller" \(roleRef\), whose rules\[0\]/);
        const ownRole = role("Role", [readPods, everything], { name: "ns-owner", namespace: "team-a" });
        const m2 = await messages(policy, [ownRole, binding("RoleBinding", { kind: "Role", name: "ns-owner" }, [group("team-a-admins")], { namespace: "team-a" })]);
        assert.strictEqual(m2.length, 1);
        assert.match(m2[0], /^RoleBinding "team-a\/rolebinding-x": subjects\[0\] \(Group\) is bound in its namespace to Role "team-a\/ns-owner" \(roleRef\), whose rules\[1\] grants every verb/);
    });

    it("finds a Role only in the binding's own namespace", async () => {
        const ownRole = role("Role", [everything], { name: "ns-owner", namespace: "team-a" });
        assert.deepStrictEqual(await messages(policy, [ownRole, binding("RoleBinding", { kind: "Role", name: "ns-owner" }, [user("alice")], { namespace: "team-b" })]), []);
    });

    it("does not judge by name: a role that grants less, or any * short of all three, passes", async () => {
        for (const rule of [readPods, { ...everything, apiGroups: [""] }, { ...everything, resources: ["pods"] }, { ...everything, verbs: ["get", "list"] }]) {
            const r = role("ClusterRole", [rule], { name: "argocd-application-controller" });
            assert.deepStrictEqual(await messages(policy, [r, binding("ClusterRoleBinding", toArgocd, [user("alice")])]), [], JSON.stringify(rule));
        }
    });

    it("gives no verdict when the role is not in the stack, and defers while its rules or the roleRef are unknown", async () => {
        const b = binding("ClusterRoleBinding", toArgocd, [user("alice")]);
        assert.deepStrictEqual(await messages(policy, [b]), []);
        const unknownRules = [
            role("ClusterRole", UNKNOWN_STRING as any, { name: "argocd-application-controller" }),
            role("ClusterRole", [{ apiGroups: ["*"], resources: ["*"], verbs: UNKNOWN_STRING }], { name: "argocd-application-controller" }),
            role("ClusterRole", [{ apiGroups: [UNKNOWN_STRING], resources: ["*"], verbs: ["*"] }], { name: "argocd-application-controller" }),
            role("ClusterRole", undefined, { name: "argocd-application-controller", variant: "Patch" }),
        ];
        for (const r of unknownRules) assert.deepStrictEqual(await messages(policy, [r, b]), [], JSON.stringify(r.props));
        // An aggregated ClusterRole gets its rules from the controller, whatever it declares.
        const aggregated = { ...argocd, props: { ...argocd.props, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { "example.com/aggregate": "true" } }] } } };
        assert.deepStrictEqual(await messages(policy, [aggregated, b]), []);
        assert.deepStrictEqual(await messages(policy, [argocd, binding("ClusterRoleBinding", { kind: "ClusterRole", name: UNKNOWN_STRING }, [user("alice")])]), []);
    });

    it("exempts system: identities, and reports a ClusterRole named cluster-admin once", async () => {
        assert.deepStrictEqual(await messages(policy, [argocd, binding("ClusterRoleBinding", toArgocd, [group("system:masters"), user("system:kube-scheduler")])]), []);
        const redeclared = role("ClusterRole", [everything], { name: "cluster-admin" });
        assert.strictEqual((await messages(policy, [redeclared, binding("ClusterRoleBinding", clusterAdmin, [user("alice")])])).length, 1);
    });

    it("judges roles and bindings in Lists and Patches", async () => {
        const m = await messages(policy, [list([role("ClusterRole", [readPods], { name: "reader" }), argocd]),
            list([binding("ClusterRoleBinding", toArgocd, [user("alice")], { name: "bad" })]),
            binding("ClusterRoleBinding", toArgocd, [group("ops")], { name: "patched", variant: "Patch" })]);
        assert.deepStrictEqual(m.map(x => x.replace(/ is bound.*/, "")), ['ClusterRoleBinding "bad": items[0].subjects[0] (User)', 'ClusterRoleBinding "patched": subjects[0] (Group)']);
    });

    it("honours excludeResources and excludeNamespaces for the binding", async () => {
        const b = binding("RoleBinding", toArgocd, [user("alice")], { name: "rb", namespace: "ops" });
        assert.strictEqual((await messages(policy, [argocd, b])).length, 1);
        // Round 3: a namespaced binding is matched by namespace/name, never by its Pulumi name.
        assert.strictEqual((await messages(policy, [argocd, b], { excludeResources: ["rb"] })).length, 1);
        assert.deepStrictEqual(await messages(policy, [argocd, b], { excludeResources: ["ops/rb"] }), []);
        assert.deepStrictEqual(await messages(policy, [argocd, b], { excludeNamespaces: ["op*"] }), []);
        assert.strictEqual((await messages(policy, [argocd, b], { excludeNamespaces: ["apps"] })).length, 1);
    });
});
