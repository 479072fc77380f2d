// The artefact `pulumi policy publish` uploads, built as the CLI builds it (pulumi/pulumi
// sdk/nodejs/npm/npm.go, Pack, read at 1b5949891b3c): `npm pack --loglevel=error` in the pack
// folder, the whole of stdout trimmed taken as the tarball's name (pulumi/pulumi#6594). Pulumi
// Cloud then unpacks it and runs `npm install --loglevel=error --production` (the runtime option
// `production` of PulumiPolicy.yaml, pkg/backend/httpstate/policypack.go). The artefact must
// come out of every npm the CLI may find, install without the build tools and judge as the clone.
import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PACK_DIR, runPack, ResourceInput } from "../../harness";
import { hardenedContainer, workload } from "../support/util";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

/** The pack folder as a publisher has it after `npm run build`, without tsconfig.json so `prepare` has nothing to build again. */
function stage(dir: string): string {
    const out = path.join(dir, "src");
    const skip = new Set(["dist/test", "dist/bench", "dist/tools", "dist/examples"].map(p => path.join(PACK_DIR, p)));
    for (const f of ["package.json", ".npmrc", "PulumiPolicy.yaml", "README.md", "LICENSE", "tools", "config", "docs", "dist"]) {
        const from = path.join(PACK_DIR, f);
        if (fs.existsSync(from)) fs.cpSync(from, path.join(out, f), { recursive: true, filter: p => !skip.has(p) });
    }
    return out;
}

/** npm N through npx (from its cache when it has one); undefined when it cannot be fetched (offline). */
function npmCommand(version: string | undefined): string[] | undefined {
    if (!version) return [npm];
    const cmd = [npx, "--prefer-offline", "-y", `npm@${version}`];
    const probe = spawnSync(cmd[0], [...cmd.slice(1), "--version"], { encoding: "utf8", timeout: 120000 });
    return probe.status === 0 && probe.stdout.trim().startsWith(`${version}.`) ? cmd : undefined;
}

const resources: ResourceInput[] = [
    workload("Deployment", { containers: [{ name: "app", image: "nginx", securityContext: { privileged: true } }] }, { name: "bad" }),
    workload("Deployment", { containers: [hardenedContainer()] }, { name: "good" }),
];

describe("published with `pulumi policy publish`", function () {
    this.timeout(300000);
    let dir: string;
    let src: string;
    let clone: Awaited<ReturnType<typeof runPack>>;

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-guard-publish-"));
        src = stage(dir);
        clone = await runPack(resources);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    /** `pulumi policy publish` in `folder()` with npm `version`: the tarball's name alone on stdout, and the artefact judges as the clone. */
    const publishes = (version: string | undefined, label: string, folder: () => string) =>
        it(`${label}, npm ${version ?? "(installed)"}: stdout names the tarball; installed for production it judges as the clone`, async function () {
            const cmd = npmCommand(version);
            if (!cmd) return this.skip(); // pending: this npm is neither in the npx cache nor downloadable (offline)
            const from = folder();
            const run = (args: string[], cwd: string) =>
                execFileSync(cmd[0], [...cmd.slice(1), ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
            const name = run(["pack", "--loglevel=error"], from).trim();
            assert.match(name, /^aks-guard-[0-9.]+\.tgz$/, `npm pack's stdout must be the tarball name only, got:\n${name}`);
            const unpacked = path.join(dir, `${path.basename(from)}-v${version ?? "installed"}`);
            fs.mkdirSync(unpacked);
            execFileSync("tar", ["xzf", path.join(from, name), "-C", unpacked, "--strip-components=1"]);
            fs.rmSync(path.join(from, name));
            assert.ok(!fs.existsSync(path.join(from, "package.json.pack-backup")), "postpack restored the manifest");
            assert.ok(!fs.existsSync(path.join(unpacked, ".npmrc")), "the .npmrc stays home");
            run(["install", "--loglevel=error", "--production", "--no-audit", "--no-fund", "--prefer-offline"], unpacked);
            assert.ok(!fs.existsSync(path.join(unpacked, "node_modules", "typescript")), "no TypeScript in a production install");
            const got = await runPack(resources, {}, { packDir: unpacked });
            assert.ok(clone.resources[0].diagnostics.length > 0, "the clone judged the privileged container");
            assert.deepStrictEqual(got.resources.map(r => r.diagnostics), clone.resources.map(r => r.diagnostics));
            assert.deepStrictEqual(got.stack, clone.stack);
        });

    // The clone itself: its .npmrc keeps npm 10 and later quiet; npm 8 prints the scripts' banners on stdout.
    for (const version of [undefined, "10", "12"]) publishes(version, "the clone", () => src);

    // The folder `npm run stage:publish` makes (tools/stage-publish.cjs): no scripts, so every npm names only the tarball.
    let staged: string | undefined;
    const stagedFolder = () => {
        if (!staged) {
            staged = path.join(dir, "publish");
            execFileSync(process.execPath, [path.join(PACK_DIR, "tools", "stage-publish.cjs"), staged], { cwd: PACK_DIR, stdio: ["ignore", "pipe", "pipe"] });
            const manifest = JSON.parse(fs.readFileSync(path.join(staged, "package.json"), "utf8"));
            assert.strictEqual(manifest.scripts, undefined, "the staged manifest has no scripts");
            assert.strictEqual(manifest.devDependencies, undefined, "nor devDependencies");
        }
        return staged;
    };
    for (const version of [undefined, "8", "10", "12"]) publishes(version, "the staged folder", stagedFolder);

    it("PulumiPolicy.yaml asks for a production install (runtime.options.production)", () => {
        const text = fs.readFileSync(path.join(PACK_DIR, "PulumiPolicy.yaml"), "utf8");
        const doc = require("yaml").parse(text);
        assert.deepStrictEqual(doc.runtime, { name: "nodejs", options: { production: true } });
    });
});
