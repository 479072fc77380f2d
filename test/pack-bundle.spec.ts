// What Pulumi's run-policy-pack loads is one file built from the pack's modules (tools/bundle.ts):
// package.json's `main`, dist/pack.js. Through the engine's protocol it must answer exactly what
// the modules answer (dist/index.js, started the same way), and carry its own copies of them.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { isSecret, PACK_DIR, PackProcess, ResourceInput, secret, Session, UNKNOWN_STRING, urnOf } from "../harness";
import { mixedResources } from "../bench/resources";
import { makePack, removePack } from "../bench/packs";

const MANIFEST = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"));

/** A pack folder that runs the modules (dist/index.js) under aks-guard's own package.json. */
function modulesPack(): string {
    const dir = makePack("modules", `require(${JSON.stringify(path.join(PACK_DIR, "dist", "index.js"))});`);
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ ...MANIFEST, main: "index.js" }));
    return dir;
}

const holdsSecret = (v: unknown): boolean =>
    isSecret(v) || (typeof v === "object" && v !== null && Object.values(v).some(holdsSecret));

describe("the pack bundle (what run-policy-pack loads)", function () {
    this.timeout(120000);

    it("is the package's main and its \".\" export, one file beside the modules it is built from", () => {
        assert.strictEqual(MANIFEST.main, "dist/pack.js");
        assert.strictEqual(MANIFEST.exports["."], "./dist/pack.js");
        assert.ok(fs.existsSync(path.join(PACK_DIR, "dist", "index.js")));
    });

    // Every kind the mix has; every fifth Kubernetes object's namespace unknown, as in a preview
    // (the Session's default), and every seventh's first container image a secret.
    const resources: ResourceInput[] = mixedResources(240).map((r, i) => {
        const props = JSON.parse(JSON.stringify(r.props));
        if (r.type.startsWith("kubernetes:") && i % 5 === 0) props.metadata = { ...props.metadata, namespace: UNKNOWN_STRING };
        const container = (props.spec?.template?.spec ?? props.spec)?.containers?.[0];
        if (container && i % 7 === 0) container.image = secret(container.image);
        return { ...r, urn: r.urn ?? urnOf(r.type, r.name), props };
    });
    for (const [what, config] of [["the default levels", {}], ["every policy at remediate", { all: "remediate" }]] as const) {
        it(`answers GetAnalyzerInfo, Remediate, Analyze and AnalyzeStack as the modules do: ${what}`, async () => {
            const dir = modulesPack();
            const [bundled, modules] = [await Session.start(config, { packDir: PACK_DIR }), await Session.start(config, { packDir: dir })];
            try {
                const [b, m] = [await bundled.run(resources), await modules.run(resources)];
                assert.deepStrictEqual(b.info, m.info);
                assert.deepStrictEqual(b.resources, m.resources);
                assert.deepStrictEqual(b.stack, m.stack);
                assert.deepStrictEqual(b.stackNotApplicable, m.stackNotApplicable);
                assert.ok(b.resources.some(r => r.diagnostics.length > 0), "the mix finds something");
                assert.ok(b.resources.some(r => r.notApplicable.some(n => /unknown during preview/.test(n.reason ?? ""))), "and defers something");
                if ("all" in config) assert.ok(b.resources.some(r => r.remediations.some(x => holdsSecret(x.properties))), "and fixes a resource that holds a secret");
            } finally {
                await bundled.close();
                await modules.close();
                removePack(dir);
            }
        });
    }

    it("loads none of the modules it carries, nor yaml until a kubeconfig needs it", async () => {
        const dir = fs.mkdtempSync(path.join(require("os").tmpdir(), "aks-guard-pack-probe-"));
        const out = path.join(dir, "loaded.txt"), probe = path.join(dir, "probe.js");
        fs.writeFileSync(probe, `
            const Module = require("module"); const fs = require("fs"); const orig = Module.prototype._compile;
            Module.prototype._compile = function (c, f) { fs.appendFileSync(${JSON.stringify(out)}, f + "\\n"); return orig.apply(this, arguments); };`);
        const pack = await PackProcess.start(PACK_DIR, { env: { ...process.env, NODE_OPTIONS: `--require ${probe}` } });
        try {
            await pack.getAnalyzerInfo();
            await pack.analyzeWithNotApplicable(mixedResources(1)[0]);
        } finally {
            await pack.close();
        }
        const loaded = fs.readFileSync(out, "utf8").split("\n").filter(Boolean);
        fs.rmSync(dir, { recursive: true, force: true });
        assert.ok(loaded.includes(path.join(PACK_DIR, "dist", "pack.js")), "the bundle is loaded");
        assert.deepStrictEqual(loaded.filter(f => f.startsWith(path.join(PACK_DIR, "dist")) && f !== path.join(PACK_DIR, "dist", "pack.js")), [], "no module of dist/ beside the bundle");
        assert.deepStrictEqual(loaded.filter(f => /node_modules[\\/]yaml[\\/]/.test(f)), [], "yaml is not loaded");
    });
});
