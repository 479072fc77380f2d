// The published package: `npm pack`, unpacked and installed with `npm install --omit=dev` the way
// Pulumi Cloud installs an enforced pack, must start and answer GetAnalyzerInfo; it ships the config
// files and the library entry (`aks-guard/policies`) the README documents.
import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PACK_DIR, PackProcess } from "../../harness";
import { installPublished } from "../../bench/packs";
import { policies } from "../../policies/catalog";

describe("published package", function () {
    this.timeout(300000);
    let dir: string;
    let root: string;
    let files: string[];

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-guard-pack-"));
        ({ root, files } = installPublished(dir));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("ships the compiled pack, its manifest, README and policy docs, and no tests or sources", () => {
        for (const f of ["package.json", "PulumiPolicy.yaml", "README.md", "docs/policies.md", "dist/index.js", "dist/pack.js", "dist/policies/catalog.js"]) assert.ok(files.includes(f), f);
        assert.deepStrictEqual(files.filter(f => (f.endsWith(".ts") && !f.endsWith(".d.ts")) || f.startsWith("dist/test/") || f.startsWith("test/")), []);
    });

    it("ships the config files the README's CI recipe uses (config/deny.json, config/audit.json)", () => {
        for (const f of ["config/deny.json", "config/audit.json", "config/exemptions.example.json"]) assert.ok(files.includes(f), f);
        const deny = JSON.parse(fs.readFileSync(path.join(root, "config", "deny.json"), "utf8"));
        assert.strictEqual(typeof deny, "object");
    });

    it("exports the catalog as a library (aks-guard/policies, with types) and the config files by path", () => {
        assert.ok(files.includes("dist/policies/index.js") && files.includes("dist/policies/index.d.ts"));
        const consumer = path.join(dir, "consumer");
        fs.mkdirSync(path.join(consumer, "node_modules"), { recursive: true });
        fs.symlinkSync(root, path.join(consumer, "node_modules", "aks-guard"), "dir");
        const script = `const lib = require("aks-guard/policies");
            const picked = lib.selectPolicies({ practices: ["10"] }).map(p => p.name);
            console.log(JSON.stringify({ all: lib.policies.length, picked, deny: require.resolve("aks-guard/config/deny.json") }));`;
        const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: consumer, encoding: "utf8" }));
        assert.strictEqual(out.all, policies.length);
        assert.deepStrictEqual(out.picked, policies.filter(p => p.practice === "10").map(p => p.name));
        assert.ok(out.picked.length > 0);
        assert.strictEqual(fs.realpathSync(out.deny), fs.realpathSync(path.join(root, "config", "deny.json")));
    });

    it("publishes a manifest without devDependencies and leaves the working one untouched", () => {
        const shipped = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
        const working = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"));
        assert.strictEqual(shipped.devDependencies, undefined);
        assert.deepStrictEqual({ ...working, devDependencies: undefined }, { ...shipped, devDependencies: undefined });
        assert.ok(working.devDependencies && !fs.existsSync(path.join(PACK_DIR, "package.json.pack-backup")));
    });

    it("installs without the provider SDKs and TypeScript, which are only needed to build", () => {
        const nm = path.join(root, "node_modules", "@pulumi");
        assert.ok(fs.existsSync(path.join(nm, "policy")));
        assert.ok(!fs.existsSync(path.join(nm, "azure-native")) && !fs.existsSync(path.join(nm, "kubernetes")));
        assert.ok(!fs.existsSync(path.join(root, "node_modules", "typescript")));
    });

    it("installs the command line, which judges from the installed package alone", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
        const bin = path.join(root, manifest.bin["aks-guard"]);
        assert.ok(files.includes(manifest.bin["aks-guard"]), "the bin is shipped");
        const insecure = "apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: shop }\nspec:\n  containers: [{ name: app, image: nginx, securityContext: { privileged: true } }]\n";
        const r = spawnSync(process.execPath, [bin, "check", "--format", "json", "--policy", "k8s-no-privileged-containers", "-"], { cwd: dir, input: insecure, encoding: "utf8" });
        assert.strictEqual(r.status, 1, r.stderr);
        assert.deepStrictEqual(JSON.parse(r.stdout).diagnostics.map((d: { policy: string }) => d.policy), ["k8s-no-privileged-containers"]);
        const version = spawnSync(process.execPath, [bin, "--version"], { cwd: dir, encoding: "utf8" });
        assert.strictEqual(version.stdout, `${manifest.version}\n`);
    });

    it("starts like an enforced pack and answers GetAnalyzerInfo", async () => {
        const pack = await PackProcess.start(root);
        try {
            const info = await pack.getAnalyzerInfo();
            assert.strictEqual(info.name, "aks-guard");
            assert.deepStrictEqual(info.policies.map(p => p.name), policies.map(p => p.name));
        } finally {
            await pack.close();
        }
    });
});
