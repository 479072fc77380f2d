// Inputs at scale, shared by the specs (small sizes) and `npm run fuzz` (test/heavy, full sizes).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { checkJsonInProcess, withTempAsync } from "./cli";

/**
 * `n` Deployments in one file (every tenth privileged, 20 namespaces), checked: every one judged,
 * each privileged one found, named and located.
 */
export async function everyResourceJudged(n: number): Promise<void> {
    await withTempAsync(async dir => {
        const file = path.join(dir, "many.yaml");
        const docs: string[] = [];
        for (let i = 0; i < n; i++) {
            docs.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app-${i}, namespace: ns-${i % 20}}\nspec:\n  template:\n    spec:\n      containers:\n` +
                `        - name: app\n          image: a.azurecr.io/app:1.0.${i}\n          securityContext: {privileged: ${i % 10 === 0}, runAsNonRoot: true}\n`);
        }
        fs.writeFileSync(file, docs.join("---\n"));
        const r = await checkJsonInProcess([file]);
        assert.strictEqual(r.status, 1, r.stderr);
        assert.strictEqual(r.report.summary.resources, n);
        const privileged = r.report.diagnostics.filter((d: any) => d.policy === "k8s-no-privileged-containers");
        assert.strictEqual(privileged.length, n / 10);
        assert.strictEqual(privileged[1].name, "ns-10/app-10");
        assert.strictEqual(privileged[1].line, 1 + 11 * 10); // each document is 10 lines plus its `---`
    });
}
