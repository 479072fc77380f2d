// `npm run test:packaging` (run by .ci/run, not by `npm test`): examples/custom-pack/index.ts
// compiled as the Pulumi CLI compiles a TypeScript pack, with Pulumi's vendored TypeScript 3.8.3 and
// with the current TypeScript. test/examples/custom-pack.spec.ts runs the compiled example.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PACK_DIR, Session } from "../../harness";

/**
 * The example as the Pulumi CLI runs a TypeScript pack: run-policy-pack registers ts-node with
 * type checking and the TypeScript that @pulumi/pulumi can require, else its vendored 3.8.3
 * (module commonjs, moduleResolution node, which reads `typesVersions` but not `exports`); with
 * TypeScript 4.7 or later, nodenext (@pulumi/pulumi cmd/run-policy-pack/run.js, tsutils.js).
 * @pulumi/pulumi, @pulumi/policy and aks-guard are copied so that Node resolves `typescript` from
 * their folder, where only the case with the current TypeScript has one.
 */
function installExampleSource(dir: string, withTypeScript: boolean): string {
    const pack = path.join(dir, withTypeScript ? "current" : "vendored");
    const modules = path.join(pack, "node_modules");
    fs.mkdirSync(path.join(modules, "@pulumi"), { recursive: true });
    fs.copyFileSync(path.join(PACK_DIR, "examples", "custom-pack", "index.ts"), path.join(pack, "index.ts"));
    fs.copyFileSync(path.join(PACK_DIR, "examples", "custom-pack", "PulumiPolicy.yaml"), path.join(pack, "PulumiPolicy.yaml"));
    const manifest = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "examples", "custom-pack", "package.json"), "utf8"));
    fs.writeFileSync(path.join(pack, "package.json"), JSON.stringify(manifest));
    const from = path.join(PACK_DIR, "node_modules");
    for (const m of fs.readdirSync(from)) {
        if (m.startsWith(".") || m === "@pulumi" || (m === "typescript" && !withTypeScript)) continue;
        fs.symlinkSync(path.join(from, m), path.join(modules, m), "dir");
    }
    for (const m of fs.readdirSync(path.join(from, "@pulumi"))) {
        const target = path.join(modules, "@pulumi", m);
        if (m === "pulumi" || m === "policy") fs.cpSync(path.join(from, "@pulumi", m), target, { recursive: true });
        else fs.symlinkSync(path.join(from, "@pulumi", m), target, "dir");
    }
    // aks-guard as installed: its manifest and compiled output, no sources (so `aks-guard/policies` cannot fall back to policies/index.ts).
    const guard = path.join(modules, "aks-guard");
    fs.mkdirSync(guard);
    fs.copyFileSync(path.join(PACK_DIR, "package.json"), path.join(guard, "package.json"));
    const skip = new Set(["test", "bench", "tools", "examples"].map(p => path.join(PACK_DIR, "dist", p)));
    fs.cpSync(path.join(PACK_DIR, "dist"), path.join(guard, "dist"), { recursive: true, filter: p => !skip.has(p) });
    return pack;
}

describe("library use: examples/custom-pack/index.ts compiled as the Pulumi CLI compiles it", function () {
    this.timeout(180000);
    let dir: string;
    before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-guard-custom-ts-")); });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    for (const [label, withTypeScript] of [["Pulumi's vendored TypeScript 3.8.3", false], ["the current TypeScript", true]] as const) {
        it(`starts with ${label} and registers its selection`, async () => {
            const packDir = installExampleSource(dir, withTypeScript);
            const ts = (() => { try { return require(require.resolve("typescript", { paths: [path.join(packDir, "node_modules", "@pulumi", "pulumi")] })).version; } catch { return undefined; } })();
            assert.strictEqual(ts === undefined, !withTypeScript, `typescript resolvable from @pulumi/pulumi: ${ts}`);
            const session = await Session.start({}, { packDir });
            try {
                assert.strictEqual(session.info.name, "acme-aks");
                assert.ok(session.info.policies.some(p => p.name === "acme-workload-team-label"));
                assert.ok(session.info.policies.some(p => p.name === "k8s-no-privileged-containers"));
            } finally {
                await session.close();
            }
        });
    }
});
