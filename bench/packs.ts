// Reference packs for benchmarks, written to a temp folder beside ours and sharing our
// node_modules, so that the only difference is the pack's own code.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PACK_DIR } from "../harness";

/** A pack folder whose index.js is `body` (with `PolicyPack` in scope). */
export function makePack(name: string, body: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `aks-guard-bench-${name}-`));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, version: "0.0.0", main: "index.js" }));
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(path.join(dir, "index.js"), `const { PolicyPack } = require("@pulumi/policy");\n${body}\n`);
    fs.symlinkSync(path.join(PACK_DIR, "node_modules"), path.join(dir, "node_modules"), "dir");
    return dir;
}

/** An @pulumi/policy pack with no policies: the SDK's own start-up. */
export function emptyPack(): string {
    return makePack("empty", `new PolicyPack("empty", { policies: [] });`);
}

export function removePack(dir: string): void {
    fs.rmSync(dir, { recursive: true, force: true });
}
