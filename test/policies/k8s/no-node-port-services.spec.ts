import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { internalLb, k8s, list, service } from "../../support/stack-fixtures";
import { messages, PolicyContract } from "../../support/util";

const policy = "k8s-no-node-port-services";
const typed = (type: unknown, token = "kubernetes:core/v1:Service", name = "web") =>
    k8s(token, name, "apps", { spec: { type, ports: [{ port: 80, nodePort: 30080 }] } });

export const contract: PolicyContract = {
    policy,
    bad: [typed("NodePort")],
    target: 0,
    field: ["spec", "type"],
};

describe(policy, () => {
    it("passes ClusterIP, internal LoadBalancer and headless Services", async () => {
        assert.deepStrictEqual(await messages(policy, [service("apps", "web"), internalLb("apps", "api"), typed("ClusterIP"), service("apps", "db", { clusterIP: "None" })]), []);
    });

    it("fires on a NodePort Service", async () => {
        assert.deepStrictEqual(await messages(policy, typed("NodePort")), ['Service "apps/web": spec.type opens the service on a port of every node; use ClusterIP behind an Ingress or an internal load balancer.']);
    });

    it("defers an unknown type", async () => {
        assert.deepStrictEqual(await messages(policy, typed(UNKNOWN_STRING)), []);
    });

    it("judges a Patch that sets the type, and every item of a List", async () => {
        assert.strictEqual((await messages(policy, typed("NodePort", "kubernetes:core/v1:ServicePatch"))).length, 1);
        const m = await messages(policy, list("kubernetes:core/v1:ServiceList", "svcs", [typed("ClusterIP", undefined, "a"), typed("NodePort", undefined, "b")]));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /^Service "apps\/b": items\[1\]\.spec\.type/);
    });

    it("honours excludeNamespaces and excludeResources", async () => {
        assert.deepStrictEqual(await messages(policy, typed("NodePort"), { excludeNamespaces: ["ap*"] }), []);
        assert.deepStrictEqual(await messages(policy, typed("NodePort"), { excludeResources: ["apps/web"] }), []);
    });
});
