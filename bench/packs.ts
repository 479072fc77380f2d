// Reference packs for benchmarks, written to a temp folder beside ours and sharing our
// node_modules, so that the only difference is the pack's own code.
import { execFileSync } from "child_process";
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

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/**
 * The package as Pulumi Cloud installs an enforced pack: `npm pack`, unpacked into `dir`, then
 * `npm install --omit=dev`. Returns the installed folder and the files the tarball ships.
 */
export function installPublished(dir: string): { root: string; files: string[] } {
    const out = execFileSync(npm, ["pack", "--json", "--pack-destination", dir], { cwd: PACK_DIR, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const [info] = JSON.parse(out);
    execFileSync("tar", ["xzf", path.join(dir, info.filename), "-C", dir]);
    const root = path.join(dir, "package");
    npmInstallProduction(root);
    return { root, files: info.files.map((f: { path: string }) => f.path) };
}

export function npmInstallProduction(root: string): void {
    execFileSync(npm, ["install", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: root, stdio: "ignore" });
}

/** Bytes under `dir` (files only, symlinks not followed). */
export function folderSize(dir: string): number {
    let total = 0;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) total += folderSize(p);
        else if (e.isFile()) total += fs.statSync(p).size;
    }
    return total;
}
