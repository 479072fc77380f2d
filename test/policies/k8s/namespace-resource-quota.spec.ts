import * as assert from "assert";
import { UNKNOWN_STRING, urnOf } from "../../../harness";
import { deployment, k8s, limitRange, list, namespace, quota } from "../../support/stack-fixtures";
import { judge, messages, PolicyContract } from "../../support/util";

const policy = "k8s-namespace-resource-quota";

export const contract: PolicyContract = {
    policy,
    bad: [namespace("apps")],
    target: 0,
    field: ["metadata"],
};

describe(policy, () => {
    it("passes a namespace with a ResourceQuota, or with a LimitRange", async () => {
        assert.deepStrictEqual(await messages(policy, [namespace("a"), quota("a"), namespace("b"), limitRange("b")]), []);
    });

    it("fires on a created namespace without either, on its Namespace resource", async () => {
        const ds = await judge(policy, [namespace("apps"), deployment("apps", "web"), quota("other")]);
        assert.deepStrictEqual(ds.map(d => d.message.split("\n")[1]), ['Namespace "apps" has no ResourceQuota or LimitRange; add one with metadata.namespace "apps" to bound its CPU and memory.']);
        assert.strictEqual(ds[0].urn, urnOf("kubernetes:core/v1:Namespace", "apps"));
    });

    it("does not judge namespaces the stack only deploys into or patches", async () => {
        assert.deepStrictEqual(await messages(policy, [deployment("legacy", "web"), k8s("kubernetes:core/v1:NamespacePatch", "shared", undefined, {}, { labels: { a: "b" } })]), []);
    });

    it("counts quotas in Lists and Patches", async () => {
        assert.deepStrictEqual(await messages(policy, [namespace("a"), list("kubernetes:core/v1:ResourceQuotaList", "qs", [quota("a")])]), []);
        assert.deepStrictEqual(await messages(policy, [namespace("a"), k8s("kubernetes:core/v1:LimitRangePatch", "limits", "a", {})]), []);
        assert.strictEqual((await messages(policy, [list("kubernetes:core/v1:NamespaceList", "nss", [namespace("a"), namespace("b")]), quota("a")])).length, 1);
    });

    it("defers while a quota's namespace is unknown, and never reports an unknown namespace name", async () => {
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), quota(UNKNOWN_STRING)]), []);
        assert.deepStrictEqual(await messages(policy, [{ ...namespace("x"), props: { metadata: { name: UNKNOWN_STRING } } }]), []);
    });

    it("exempts namespaces by excludeNamespaces globs", async () => {
        assert.deepStrictEqual(await messages(policy, [namespace("sandbox-1")], { excludeNamespaces: ["sandbox-*"] }), []);
        assert.strictEqual((await messages(policy, [namespace("sandbox-1")], { excludeNamespaces: ["prod-*"] })).length, 1);
    });
});
