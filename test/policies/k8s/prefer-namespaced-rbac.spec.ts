// k8s-prefer-namespaced-rbac judges a ClusterRoleBinding by the rules of its ClusterRole (SPEC,
// settled semantics round 2). The role and the binding are separate resources, as in a real
// install: only AnalyzeStack sees both, so every case runs through the whole harness protocol.
import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { judge, messages, PolicyContract } from "../../support/util";
import { binding, group, list, RBAC_VERSIONS, role, Rule, serviceAccount, user } from "../../support/rbac";

const policy = "k8s-prefer-namespaced-rbac";
const readPods: Rule = { apiGroups: [""], resources: ["pods", "pods/log"], verbs: ["get", "list", "watch"] };
const podReader = role("ClusterRole", [readPods, { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get"] }], { name: "pod-reader" });
const toReader = { kind: "ClusterRole", name: "pod-reader" };

export const contract: PolicyContract = {
    policy,
    bad: [podReader, binding("ClusterRoleBinding", toReader, [user("alice")])],
    target: 1,
    field: ["subjects", 0, "name"],
};

const FIX = "which grants nothing a RoleBinding cannot (no cluster-scoped resources, no nonResourceURLs); bind it with a RoleBinding in each namespace it works in.";

/** The messages for a binding of `rules` (as ClusterRole "operator") to a ServiceAccount. */
const judgeRules = (rules: Rule[] | undefined, opts: { variant?: "" | "Patch" } = {}) =>
    messages(policy, [role("ClusterRole", rules, { name: "operator", ...opts }), binding("ClusterRoleBinding", { kind: "ClusterRole", name: "operator" }, [serviceAccount("operator", "ops")])]);

describe(policy, () => {
    for (const version of RBAC_VERSIONS) {
        it(`fires when a ClusterRoleBinding (${version}) grants a ClusterRole of the stack that needs only namespaced resources`, async () => {
            const ds = await judge(policy, [role("ClusterRole", [readPods], { name: "pod-reader", version }), binding("ClusterRoleBinding", toReader, [serviceAccount("ci")], { version })]);
            assert.deepStrictEqual(ds.map(d => d.message.slice(d.message.indexOf("\n") + 1)),
                [`ClusterRoleBinding "clusterrolebinding-x": subjects[0] (ServiceAccount) is bound cluster-wide to ClusterRole "pod-reader" (roleRef), ${FIX}`]);
            assert.ok(ds[0].urn.endsWith("::clusterrolebinding-x"), "reported on the binding");
        });
        it(`passes a RoleBinding (${version}) of the same ClusterRole`, async () => {
            assert.deepStrictEqual(await messages(policy, [podReader, binding("RoleBinding", toReader, [serviceAccount("ci")], { version })]), []);
        });
    }

    // What real operators bind cluster-wide, and why a RoleBinding could not do (ingress-nginx,
    // kube-prometheus, Argo CD, webhooks and metrics servers): each is a ClusterRoleBinding rightly.
    describe("passes ClusterRoles that need a ClusterRoleBinding", () => {
        const needs: Record<string, Rule[]> = {
            "nodes (ingress-nginx, node exporters)": [readPods, { apiGroups: [""], resources: ["nodes"], verbs: ["list", "watch"] }],
            "a subresource of nodes (kube-prometheus reads nodes/metrics)": [{ apiGroups: [""], resources: ["nodes/metrics"], verbs: ["get"] }],
            "namespaces (operators that watch every namespace)": [{ apiGroups: [""], resources: ["namespaces"], verbs: ["get", "list", "watch"] }],
            "ingressclasses (ingress-nginx)": [{ apiGroups: ["networking.k8s.io"], resources: ["ingressclasses"], verbs: ["get", "list", "watch"] }],
            "webhook configurations (cert-manager cainjector, admission controllers)": [{ apiGroups: ["admissionregistration.k8s.io"], resources: ["validatingwebhookconfigurations", "mutatingwebhookconfigurations"], verbs: ["get", "update"] }],
            "tokenreviews and subjectaccessreviews (auth delegation)": [{ apiGroups: ["authentication.k8s.io"], resources: ["tokenreviews"], verbs: ["create"] }, { apiGroups: ["authorization.k8s.io"], resources: ["subjectaccessreviews"], verbs: ["create"] }],
            "customresourcedefinitions (operators installing their CRDs)": [{ apiGroups: ["apiextensions.k8s.io"], resources: ["customresourcedefinitions"], verbs: ["create", "get"] }],
            "persistentvolumes and storageclasses (storage provisioners)": [{ apiGroups: [""], resources: ["persistentvolumes"], verbs: ["create", "delete"] }, { apiGroups: ["storage.k8s.io"], resources: ["storageclasses"], verbs: ["get"] }],
            "clusterroles (operators granting their own roles)": [{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: ["get"] }],
            "certificatesigningrequests": [{ apiGroups: ["certificates.k8s.io"], resources: ["certificatesigningrequests"], verbs: ["list"] }],
            "nonResourceURLs (Prometheus scraping /metrics)": [readPods, { nonResourceURLs: ["/metrics"], verbs: ["get"] } as Rule],
            "a * resource (Argo CD's controller)": [{ apiGroups: ["apps"], resources: ["*"], verbs: ["get"] }],
            "a */sub resource, which covers cluster-scoped resources too": [{ apiGroups: [""], resources: ["*/status"], verbs: ["get"] }],
        };
        for (const [what, rules] of Object.entries(needs)) {
            it(what, async () => assert.deepStrictEqual(await judgeRules(rules), []));
        }
        it("while the same role without that rule fires", async () => {
            assert.strictEqual((await judgeRules([readPods, { apiGroups: [""], resources: ["pods/*", "configmaps"], verbs: ["get"] }])).length, 1, "pods/* is a literal, not a wildcard");
            assert.strictEqual((await judgeRules([])).length, 1, "a role without rules grants nothing cluster-scoped");
        });
    });

    it("knows the built-in user-facing roles admin, edit and view, meant for RoleBindings", async () => {
        for (const name of ["admin", "edit", "view"]) {
            const m = await messages(policy, binding("ClusterRoleBinding", { kind: "ClusterRole", name }, [group("devs")]));
            assert.deepStrictEqual(m, [`ClusterRoleBinding "clusterrolebinding-x": subjects[0] (Group) is bound cluster-wide to ClusterRole ${name} (built in) (roleRef), ${FIX}`], name);
        }
    });

    it("gives no verdict on a ClusterRole the stack does not declare", async () => {
        for (const name of ["pod-reader", "system:auth-delegator", "cluster-admin", "some-chart-role"]) {
            assert.deepStrictEqual(await messages(policy, binding("ClusterRoleBinding", { kind: "ClusterRole", name }, [user("alice")])), [], name);
        }
        const otherRole = role("ClusterRole", [readPods], { name: "other" });
        assert.deepStrictEqual(await messages(policy, [otherRole, binding("ClusterRoleBinding", toReader, [user("alice")])]), []);
    });

    it("defers while the ClusterRole's rules are unknown", async () => {
        assert.deepStrictEqual(await judgeRules(UNKNOWN_STRING as any), []);
        assert.deepStrictEqual(await judgeRules([readPods, UNKNOWN_STRING as any]), []);
        assert.deepStrictEqual(await judgeRules([readPods, { apiGroups: [""], resources: [UNKNOWN_STRING], verbs: ["get"] }]), []);
        assert.deepStrictEqual(await judgeRules([readPods, { nonResourceURLs: UNKNOWN_STRING, verbs: ["get"] } as Rule]), []);
        assert.deepStrictEqual(await judgeRules(undefined, { variant: "Patch" }), [], "a Patch without rules keeps the live object's");
        const aggregated = role("ClusterRole", [], { name: "operator" });
        (aggregated.props as any).aggregationRule = { clusterRoleSelectors: [{ matchLabels: { "example.com/aggregate-to-operator": "true" } }] };
        assert.deepStrictEqual(await messages(policy, [aggregated, binding("ClusterRoleBinding", { kind: "ClusterRole", name: "operator" }, [user("alice")])]), [], "an aggregated ClusterRole's rules come from the controller");
        // A known rule that needs the cluster decides, whatever is unknown beside it.
        assert.deepStrictEqual(await judgeRules([{ apiGroups: [""], resources: [UNKNOWN_STRING, "nodes"], verbs: ["get"] }]), []);
    });

    it("defers an unknown roleRef or subject and still reports a known subject beside it", async () => {
        assert.deepStrictEqual(await messages(policy, [podReader, binding("ClusterRoleBinding", { kind: "ClusterRole", name: UNKNOWN_STRING }, [serviceAccount("ci")])]), []);
        assert.deepStrictEqual(await messages(policy, [podReader, binding("ClusterRoleBinding", { kind: UNKNOWN_STRING, name: "pod-reader" }, [serviceAccount("ci")])]), []);
        const m = await messages(policy, [podReader, binding("ClusterRoleBinding", toReader, [user(UNKNOWN_STRING), group("devs")])]);
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /subjects\[1\] \(Group\)/);
    });

    it("fires for users and groups but not for system: identities", async () => {
        const m = await messages(policy, [podReader, binding("ClusterRoleBinding", toReader, [group("system:nodes"), user("system:kube-proxy"), group("devs"), user("system:serviceaccount:apps:ci")])]);
        assert.deepStrictEqual(m.map(x => x.match(/subjects\[(\d)\]/)![1]), ["2", "3"]);
    });

    it("passes ClusterRoles listed in allowedClusterRoles", async () => {
        const b = binding("ClusterRoleBinding", toReader, [serviceAccount("ci")]);
        assert.deepStrictEqual(await messages(policy, [podReader, b], { allowedClusterRoles: ["pod-*"] }), []);
        assert.strictEqual((await messages(policy, [podReader, b], { allowedClusterRoles: [] })).length, 1);
    });

    it("judges a binding Patch by the role it names, and every item of Lists", async () => {
        assert.deepStrictEqual(await messages(policy, [podReader, binding("ClusterRoleBinding", undefined, [group("devs")], { variant: "Patch" })]), []);
        assert.deepStrictEqual(await messages(policy, [podReader, binding("ClusterRoleBinding", toReader, undefined, { variant: "Patch" })]), []);
        assert.strictEqual((await messages(policy, [podReader, binding("ClusterRoleBinding", toReader, [group("devs")], { variant: "Patch", version: "v1alpha1" })])).length, 1);
        const nodesReader = role("ClusterRole", [{ apiGroups: [""], resources: ["nodes"], verbs: ["get"] }], { name: "nodes-reader" });
        const m = await messages(policy, [list([nodesReader, podReader]), list([
            binding("ClusterRoleBinding", { kind: "ClusterRole", name: "nodes-reader" }, [group("devs")], { name: "good" }),
            binding("ClusterRoleBinding", toReader, [group("devs")], { name: "bad" }),
        ], "bindings")]);
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /^ClusterRoleBinding "bad": items\[1\]\.subjects\[0\] \(Group\) is bound cluster-wide to ClusterRole "pod-reader" \(items\[1\]\.roleRef\)/);
    });
});
