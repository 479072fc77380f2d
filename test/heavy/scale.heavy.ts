// `npm run fuzz` (not `npm test`): the bounds and scale claims at full size. `npm test` checks the
// same behaviour on small inputs with small limits (test/cli/limits.spec.ts, inputs-cli.spec.ts).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { aksGuardInProcess, withTempAsync } from "../support/cli";
import { everyResourceJudged } from "../support/scale";

describe("at full size", function () {
    this.timeout(600000);

    it("10,000 resources in one file: every one judged", async () => {
        await everyResourceJudged(10000);
    });

    it("the default bound is 750,000 values for the pack process (--engine) and 1,500,000 in process", async () => withTempAsync(async dir => {
        const file = path.join(dir, "big.json");
        const data: Record<string, string> = {};
        for (let i = 0; i < 800_000; i++) data[`k${i}`] = "v";
        fs.writeFileSync(file, JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "big", namespace: "shop" }, data }));
        const engine = await aksGuardInProcess(["check", "--format", "json", "--engine", file]);
        assert.strictEqual(engine.status, 2, engine.stderr);
        assert.match(engine.stderr, /big\.json:1: more than 750000 property values in the inputs/);
        assert.strictEqual(engine.stdout, "");
        const inProcess = await aksGuardInProcess(["check", "--format", "json", file]);
        assert.strictEqual(inProcess.status, 0, inProcess.stderr);
        assert.strictEqual(JSON.parse(inProcess.stdout).summary.resources, 1);
    }));
});
