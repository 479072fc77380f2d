// Fixes from review, each through the built command line.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { aksGuard, checkJson, fixture, withTemp } from "./run";

const POD = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  containers: [{name: app, image: a.azurecr.io/x:1}]\n`;

describe("aks-guard check: review fixes", function () {
    this.timeout(180000);

    it("an ARM managedClusters resource with apiVersion and kind is read as AKS, not Kubernetes", () => {
        withTemp(dir => {
            const cluster = JSON.parse(fs.readFileSync(fixture("arm", "az-aks-show-insecure.json"), "utf8"));
            const f = path.join(dir, "cluster.json");
            fs.writeFileSync(f, JSON.stringify({ apiVersion: "2024-05-01", kind: "Base", ...cluster }, null, 2));
            const { status, report, stderr } = checkJson([f]);
            assert.strictEqual(status, 1, stderr);
            assert.deepStrictEqual(report.resources.map((r: any) => r.type), ["azure-native:containerservice:ManagedCluster"]);
            assert.ok(report.diagnostics.length > 0);
        });
    });
});
