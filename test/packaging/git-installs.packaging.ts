// `npm run test:packaging` (run by .ci/run, not by `npm test`): the README's git-URL installs.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PACK_DIR } from "../../harness";

/**
 * Every git-URL install the README documents (set-up and both CI recipes), run in its documented
 * shape with npm 12, which refuses git dependencies unless allowed (`allow-git`, default none),
 * against a local git repository in place of github:aks-guard/aks-guard.
 */
describe("README git-URL installs work with npm 12", function () {
    this.timeout(300000);
    const { execFileSync, spawnSync } = require("child_process") as typeof import("child_process");
    const os = require("os") as typeof import("os");
    const npx = process.platform === "win32" ? "npx.cmd" : "npx";
    const readme = fs.readFileSync(path.join(PACK_DIR, "README.md"), "utf8");
    const commands = [...new Set(readme.split("\n")
        .map(l => l.replace(/^\s*(- )?(run|script):\s*/, "").replace(/#.*$/, "").trim())
        .filter(l => l.startsWith("npm install") && l.includes("github:aks-guard/aks-guard")))];

    it("documents at least the set-up and both CI recipes' installs, each allowing git", () => {
        assert.ok(commands.length >= 2, commands.join("\n"));
        for (const c of commands) assert.match(c, /--allow-git=root/, c);
    });

    it("each documented shape installs a git URL with npm 12", function () {
        const probe = spawnSync(npx, ["--prefer-offline", "-y", "npm@12", "--version"], { encoding: "utf8", timeout: 120000 });
        if (probe.status !== 0) return this.skip(); // pending: npm 12 is neither in the npx cache nor downloadable (offline)
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-guard-allow-git-"));
        try {
            const repo = path.join(dir, "repo");
            fs.mkdirSync(repo);
            fs.writeFileSync(path.join(repo, "package.json"), JSON.stringify({ name: "aks-guard", version: "0.0.0" }));
            const git = (...args: string[]) => execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd: repo, stdio: "ignore" });
            git("init", "-q"); git("add", "."); git("commit", "-qm", "x");
            commands.forEach((c, i) => {
                const project = path.join(dir, `p${i}`);
                fs.mkdirSync(project);
                fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "p", version: "1.0.0" }));
                const args = c.split(/\s+/).slice(1).map(a => a === "github:aks-guard/aks-guard" ? `git+file://${repo}` : a);
                const run = spawnSync(npx, ["--prefer-offline", "-y", "npm@12", ...args, "--no-audit", "--no-fund"], { cwd: project, encoding: "utf8" });
                assert.strictEqual(run.status, 0, `${c}\n${run.stderr}`);
                assert.ok(fs.existsSync(path.join(project, "node_modules", "aks-guard", "package.json")), c);
                const without = spawnSync(npx, ["--prefer-offline", "-y", "npm@12", ...args.filter(a => !a.startsWith("--allow-git")), "--no-audit", "--no-fund"], { cwd: project, encoding: "utf8" });
                assert.notStrictEqual(without.status, 0, `without --allow-git npm 12 refuses: ${c}`);
            });
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
