// The pack as the Pulumi engine sees it: started through run-policy-pack, configured with the
// engine's rules, and judged over the analyzer protocol.
import * as assert from "assert";
import { ConfigError, runPack, Session } from "../harness";
import { policies } from "../policies/catalog";
import { hardenedPod, mutate, workload } from "./support/util";

const insecure = workload("Deployment", mutate(hardenedPod(), p => {
    p.containers[0].securityContext.privileged = true;
    p.containers[0].securityContext.runAsUser = 0;
}), { name: "web" });

describe("engine protocol", () => {
    let session: Session;
    before(async () => { session = await Session.start({}); });
    after(async () => { await session.close(); });

    it("lists every policy of the catalog with its metadata in GetAnalyzerInfo", () => {
        const info = session.info;
        assert.strictEqual(info.name, "aks-guard");
        assert.deepStrictEqual(info.policies.map(p => p.name), policies.map(p => p.name));
        for (const p of info.policies) {
            const src = policies.find(x => x.name === p.name)!;
            assert.match(p.name, /^[a-z0-9]+(-[a-z0-9]+)+$/);
            assert.strictEqual(p.enforcementLevel, src.enforcementLevel, p.name);
            assert.ok(["low", "medium", "high", "critical"].includes(p.severity), `${p.name} severity`);
            assert.ok(p.description.length > 10 && p.remediationSteps.length > 10, `${p.name} texts`);
            assert.ok(p.url.endsWith(`#${p.name}`), `${p.name} url`);
            assert.ok(p.tags.includes(`practice-${src.practice.split(".")[0]}`), `${p.name} tags ${p.tags}`);
            assert.ok(p.framework && p.framework.name && p.framework.specification, `${p.name} framework`);
            assert.ok(p.configSchema?.properties?.excludeResources, `${p.name} excludeResources`);
        }
        assert.strictEqual(new Set(info.policies.map(p => p.name)).size, info.policies.length, "names are unique");
    });

    it("lists the 73 policies of SPEC's catalog, including those of issues 16 and 22 at their SPEC levels and practices", () => {
        const info = session.info;
        assert.strictEqual(info.policies.length, 73);
        const spec: [string, string, string][] = [
            ["aks-node-subnet-nsg", "advisory", "practice-6"], ["k8s-mesh-authorization", "advisory", "practice-7"],
            ["azure-front-door-waf", "mandatory", "practice-11"], ["azure-apim-hardened", "advisory", "practice-11"],
            ["aks-fleet-membership", "advisory", "practice-12"], ["azure-arc-cluster-governed", "advisory", "practice-12"],
            ["k8s-ingress-nginx-no-snippets", "mandatory", "practice-11"], ["k8s-ingress-nginx-patched", "mandatory", "practice-11"], ["k8s-restricted-volume-types", "mandatory", "practice-4"],
            ["k8s-rbac-no-privilege-paths", "advisory", "practice-6"], ["k8s-no-anonymous-bindings", "mandatory", "practice-6"],
            ["k8s-no-default-service-account-binding", "advisory", "practice-6"], ["k8s-no-legacy-service-account-tokens", "advisory", "practice-6"],
            ["acr-network-restricted", "advisory", "practice-3"], ["aks-node-ssh-disabled", "advisory", "practice-10"],
            ["aks-managed-identity", "advisory", "practice-6"],
            ["k8s-mesh-no-injection-opt-out", "advisory", "practice-7"],
        ];
        for (const [name, level, tag] of spec) {
            const p = info.policies.find(x => x.name === name);
            assert.ok(p, name);
            assert.deepStrictEqual([p.enforcementLevel, p.tags.includes(tag)], [level, true], name);
        }
        const fleet = info.policies.find(x => x.name === "aks-fleet-membership")!;
        assert.strictEqual((fleet.configSchema?.properties as any)?.requireFleet?.default, false);
    });

    it("reports the insecure Deployment at each policy's default level", async () => {
        const r = await session.run([insecure]);
        const got = r.resources[0].diagnostics.filter(d => ["k8s-no-privileged-containers", "k8s-run-as-non-root"].includes(d.policyName));
        assert.deepStrictEqual(got.map(d => [d.policyName, d.enforcementLevel, d.severity]).sort(), [
            ["k8s-no-privileged-containers", "mandatory", "critical"],
            ["k8s-run-as-non-root", "mandatory", "high"],
        ]);
        assert.ok(got.every(d => d.urn === "" || d.urn.endsWith("::web")));
    });

    it("all: advisory with one policy mandatory changes only that policy", async () => {
        const r = await runPack([insecure], { all: "advisory", "k8s-run-as-non-root": "mandatory" });
        const levels = Object.fromEntries(r.resources[0].diagnostics.map(d => [d.policyName, d.enforcementLevel]));
        assert.strictEqual(levels["k8s-run-as-non-root"], "mandatory");
        assert.strictEqual(levels["k8s-no-privileged-containers"], "advisory");
        assert.ok(Object.entries(levels).filter(([n]) => n !== "k8s-run-as-non-root").every(([, l]) => l === "advisory"));
    });

    it("disabled silences only that policy", async () => {
        const r = await runPack([insecure], { "k8s-no-privileged-containers": "disabled" });
        const names = new Set(r.resources[0].diagnostics.map(d => d.policyName));
        assert.ok(!names.has("k8s-no-privileged-containers"));
        assert.ok(names.has("k8s-run-as-non-root"));
    });

    it("applies schema defaults and per-policy settings", async () => {
        await session.reconfigure({ "k8s-run-as-non-root": { minUserId: 500 } });
        assert.deepStrictEqual(session.config["k8s-run-as-non-root"], { enforcementLevel: "mandatory", properties: { minUserId: 500, excludeResources: [], excludeNamespaces: [] } });
        assert.strictEqual(session.config["k8s-no-privileged-containers"].properties?.requireExplicit, false);
        await session.reconfigure({});
    });

    it("rejects a bad config naming the policy and the key", async () => {
        await assert.rejects(session.reconfigure({ "k8s-run-as-non-root": { minUserId: "ten" } }, "policy.json"),
            (e: unknown) => e instanceof ConfigError && /policy\.json/.test(e.message) && /Policy "k8s-run-as-non-root": minUserId: Invalid type\. Expected: integer, given: string/.test(e.message));
        await assert.rejects(session.reconfigure({ "k8s-run-as-non-root": "strict" }), /"strict" is not a valid enforcement level/);
        await assert.rejects(session.reconfigure({ "k8s-no-privileged-containers": { excludeResources: "web" } }), /Policy "k8s-no-privileged-containers": excludeResources: Invalid type\. Expected: array, given: string/);
        await assert.rejects(session.reconfigure([]), /JSON object keyed by policy name/);
    });

    it("warns about config for a policy the pack does not have", async () => {
        await session.reconfigure({ "k8s-no-such-policy": "mandatory" });
        assert.deepStrictEqual(session.warnings, ['"k8s-no-such-policy" is not a policy of this pack; its config is ignored']);
        await session.reconfigure({});
    });

    it("exempts resources and namespaces by glob, per policy", async () => {
        const inProd = { ...insecure, props: { ...insecure.props, metadata: { name: "web", namespace: "prod-eu" } } };
        const r = await runPack([inProd], { "k8s-no-privileged-containers": { excludeNamespaces: ["prod-*"] }, "k8s-run-as-non-root": { excludeResources: ["prod-eu/w?b"] } });
        const names = r.resources[0].diagnostics.map(d => d.policyName);
        assert.ok(!names.includes("k8s-no-privileged-containers") && !names.includes("k8s-run-as-non-root"));
        const other = await runPack([inProd], { "k8s-no-privileged-containers": { excludeNamespaces: ["prod"] } });
        assert.ok(other.resources[0].diagnostics.some(d => d.policyName === "k8s-no-privileged-containers"));
    });
});
