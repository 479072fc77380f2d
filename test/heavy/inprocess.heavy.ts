// `npm run fuzz` (not `npm test`): the in-process evaluator against the engine path on all 2,000
// generated objects under every config. `npm test` compares the objects that stand for them
// (test/inprocess.spec.ts, with the test that they give every signature the 2,000 give).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describeDifferential } from "../inprocess/differential";

describe("in-process evaluator at full size", function () {
    this.timeout(600000);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aks-guard-inproc-"));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));
    describeDifferential(tmp, true);
});
