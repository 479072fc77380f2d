// The in-process evaluator against the engine path under the config "default" (test/inprocess/differential.ts;
// one file per config, so that a parallel run spreads them).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describeDifferential } from "./differential";

describe("in-process evaluator", function () {
    this.timeout(600000);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aks-guard-inproc-"));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));
    describeDifferential(tmp, false, ["default"]);
});
