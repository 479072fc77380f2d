// The published package: `npm pack`, unpacked and installed with `npm install --omit=dev` the way
// Pulumi Cloud installs an enforced pack, must start and answer GetAnalyzerInfo.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PACK_DIR, PackProcess } from "../harness";
import { policies } from "../policies/catalog";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

describe("published package", function () {
    this.timeout(300000);
    let dir: string;
    let files: string[];

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-guard-pack-"));
        const out = execFileSync(npm, ["pack", "--json", "--pack-destination", dir], { cwd: PACK_DIR, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
        const [info] = JSON.parse(out);
        files = info.files.map((f: { path: string }) => f.path);
        execFileSync("tar", ["xzf", path.join(dir, info.filename), "-C", dir]);
        execFileSync(npm, ["install", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: path.join(dir, "package"), stdio: "ignore" });
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("ships the compiled pack, its manifest and README, and no tests or sources", () => {
        for (const f of ["package.json", "PulumiPolicy.yaml", "README.md", "dist/index.js", "dist/policies/catalog.js"]) assert.ok(files.includes(f), f);
        assert.deepStrictEqual(files.filter(f => f.endsWith(".ts") || f.startsWith("dist/test/") || f.startsWith("test/")), []);
    });

    it("installs without the provider SDKs that are only needed for types", () => {
        const nm = path.join(dir, "package", "node_modules", "@pulumi");
        assert.ok(fs.existsSync(path.join(nm, "policy")));
        assert.ok(!fs.existsSync(path.join(nm, "azure-native")) && !fs.existsSync(path.join(nm, "kubernetes")));
    });

    it("starts like an enforced pack and answers GetAnalyzerInfo", async () => {
        const pack = await PackProcess.start(path.join(dir, "package"));
        try {
            const info = await pack.getAnalyzerInfo();
            assert.strictEqual(info.name, "aks-guard");
            assert.deepStrictEqual(info.policies.map(p => p.name), policies.map(p => p.name));
        } finally {
            await pack.close();
        }
    });
});
