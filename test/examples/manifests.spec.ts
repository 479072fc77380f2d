// The bundled manifests (what `npm start` judges), through the built command line with the
// default config: the hardened set passes every policy of the catalog, each insecure object
// fails, and the config files change the verdict as their names promise.
import * as assert from "assert";
import { checkJson } from "../support/cli";

describe("example: examples/manifests", function () {
    this.timeout(300000);

    it("the hardened set passes every policy, stack policies included", () => {
        const { status, report } = checkJson(["examples/manifests/hardened"]);
        assert.deepStrictEqual(report.diagnostics.map((d: any) => `${d.policy}: ${d.message}`), []);
        assert.strictEqual(status, 0);
        assert.ok(report.summary.resources >= 14);
    });

    it("every object of the insecure set fails at least one policy, and the run exits 1", () => {
        const { status, report } = checkJson(["examples/manifests/insecure"]);
        assert.strictEqual(status, 1);
        const failing = new Set(report.diagnostics.map((d: any) => d.resource));
        assert.deepStrictEqual(report.resources.map((r: any) => r.urn).filter((u: string) => !failing.has(u)), []);
        for (const p of ["k8s-no-privileged-containers", "k8s-mesh-mtls-strict", "k8s-no-cluster-admin-binding", "k8s-rbac-no-wildcards",
            "k8s-internal-load-balancer", "k8s-no-external-ips", "k8s-no-node-port-services", "k8s-ingress-tls", "k8s-namespace-default-deny"]) {
            assert.ok(report.diagnostics.some((d: any) => d.policy === p), `${p} fires on the insecure set`);
        }
    });

    it("config/audit.json reports the insecure set without failing the run", () => {
        const { status, report } = checkJson(["--config", "config/audit.json", "examples/manifests/insecure"]);
        assert.strictEqual(status, 0);
        assert.ok(report.summary.advisory > 0 && report.summary.mandatory === 0);
    });
});
