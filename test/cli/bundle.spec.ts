// The installed command is one file built from the command's modules (tools/bundle.ts): it
// must say exactly what the modules say, and carry its own copies of them (a module loaded twice
// would be a second instance: the policies whose dryRun it sets would not be the ones it runs).
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { PACK_DIR } from "../../harness";
import { aksGuard, aksGuardInProcess, BIN, CLI_MODULE, fixture, ONLY_MODEL_POLICIES, withTemp } from "../support/cli";
import * as fs from "fs";

describe("the command line bundle", () => {
    it("is the package's bin, one file beside the modules it is built from", () => {
        assert.strictEqual(path.relative(PACK_DIR, BIN), path.join("dist", "cli", "aks-guard.js"));
        assert.notStrictEqual(BIN, CLI_MODULE);
        assert.match(fs.readFileSync(BIN, "utf8"), /^#!\/usr\/bin\/env node\n/);
    });

    const runs: [string, string[], string?][] = [
        ["text on every example", ["check", path.join("examples", "manifests")]],
        ["json on every fixture format", ["check", "--format", "json", fixture("k8s"), fixture("arm"), fixture("pulumi")]],
        ["sarif", ["check", "--format", "sarif", fixture("k8s", "insecure.yaml")]],
        ["a preview with unknown values (dryRun)", ["check", "--format", "json", fixture("pulumi", "preview-insecure.json")]],
        ["a stack export (no unknowns)", ["check", "--format", "json", fixture("pulumi", "stack-export-insecure.json")]],
        ["a config and --policy", ["check", "--config", ONLY_MODEL_POLICIES, "--policy", "k8s-run-as-non-root", fixture("k8s", "insecure.yaml")]],
        ["stdin", ["check", "--format", "json", "-"], fs.readFileSync(path.join(PACK_DIR, fixture("k8s", "insecure.yaml")), "utf8")],
        ["list", ["list", "--format", "json"]],
        ["list --types", ["list", "--types"]],
        ["--version", ["--version"]],
        ["bad usage", ["check", "--no-such-option"]],
        ["an unreadable input", ["check", "no/such/file.yaml"]],
    ];
    for (const [what, args, input] of runs) {
        it(`gives the modules' output, byte for byte: ${what}`, async () => {
            const bundled = aksGuard(args, { input });
            const modules = await aksGuardInProcess(args, { input });
            assert.deepStrictEqual(bundled, modules);
        });
    }

    it("loads none of the modules it carries: only @pulumi/policy's, as installed", () => withTemp(dir => {
        const out = path.join(dir, "loaded.json");
        const probe = path.join(dir, "probe.js");
        fs.writeFileSync(probe, `
            const Module = require("module"); const loaded = new Set(); const orig = Module.prototype._compile;
            Module.prototype._compile = function (c, f) { loaded.add(f); return orig.apply(this, arguments); };
            process.on("exit", () => require("fs").writeFileSync(${JSON.stringify(out)}, JSON.stringify([...loaded])));`);
        const r = spawnSync(process.execPath, ["-r", probe, BIN, "check", "--format", "json", path.join("examples", "manifests"), fixture("pulumi")], { cwd: PACK_DIR, encoding: "utf8" });
        assert.strictEqual(r.status, 1, r.stderr);
        const loaded: string[] = JSON.parse(fs.readFileSync(out, "utf8"));
        const others = loaded.filter(f => f !== BIN && f !== probe);
        assert.deepStrictEqual(others.filter(f => f.startsWith(path.join(PACK_DIR, "dist"))), [], "no module of dist/ beside the bundle");
        const packages = new Set(others.map(f => /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(f)?.[1].replace(/\\/g, "/")));
        // @pulumi/pulumi's modules stay deferred (harness/lazy-sdk.ts); yaml is inside.
        assert.deepStrictEqual([...packages], ["@pulumi/policy"]);
    }));
});
