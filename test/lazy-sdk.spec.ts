// What the command line's fast start relies on, against the real modules and computations:
// the runtime/rpc constants its stand-in answers, that the in-process path loads neither the SDK's
// gRPC server nor the @pulumi/pulumi index nor @grpc/grpc-js, and that the precomputed analyzer
// info and the protobuf-free Configure equal the engine's computations.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as v8 from "v8";
import { PACK_DIR, PackConfig } from "../harness";
import { RPC_CONSTANTS, deferredPaths } from "../harness/lazy-sdk";
import {
    analyzerInfo, infoFingerprint, liveAnalyzerInfo, PRECOMPUTED_INFO, sdkConfigOf, sdkConfigViaProtocol, writePrecomputedInfo,
} from "../harness/inprocess";
import { readPackConfigFile } from "../harness/config";
import { BIN } from "./support/cli";

const pack = require(path.join(PACK_DIR, "dist", "policies", "pack.js"));
const version: string = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")).version;

describe("the command line's lazy SDK loading", () => {
    it("answers the runtime/rpc constants the real module defines", () => {
        const real = require(deferredPaths(PACK_DIR).rpc);
        for (const [k, v] of Object.entries(RPC_CONSTANTS)) assert.strictEqual(real[k], v, k);
        // Every constant @pulumi/policy's deserializer reads from runtime/rpc is one of them.
        const src = fs.readFileSync(require.resolve("@pulumi/policy/deserialize"), "utf8");
        const used = new Set([...src.matchAll(/rpc_1\.(\w+)/g)].map(m => m[1]));
        assert.deepStrictEqual([...used].filter(k => !(k in RPC_CONSTANTS)), []);
    });

    it("loads neither the SDK's server, the @pulumi/pulumi index, runtime/rpc, @grpc/grpc-js nor google-protobuf for a check in process", () => {
        const probe = `
            const Module = require("module"); const loaded = new Set(); const orig = Module.prototype._compile;
            Module.prototype._compile = function (c, f) { loaded.add(f); return orig.apply(this, arguments); };
            process.on("exit", () => require("fs").writeSync(3, JSON.stringify([...loaded])));
            require(${JSON.stringify(BIN)}).runCli(["check", "--format", "json", "examples/manifests/hardened"]).then(c => { process.exitCode = c; });`;
        const r = spawnSync(process.execPath, ["-e", probe], { cwd: PACK_DIR, stdio: ["ignore", "pipe", "pipe", "pipe"], encoding: "utf8" });
        assert.strictEqual(r.status, 0, r.stderr);
        const loaded: string[] = JSON.parse(r.output[3] as string);
        const p = deferredPaths(PACK_DIR);
        for (const f of [p.server, p.pulumi, p.rpc]) assert.ok(!loaded.includes(f), `${f} was loaded`);
        assert.deepStrictEqual(loaded.filter(f => f.includes(`${path.sep}@grpc${path.sep}`) || f.includes(`${path.sep}google-protobuf${path.sep}`)), []);
        assert.strictEqual(JSON.parse(r.stdout).summary.resources, 16, "the report of the hardened examples");
    });

    it("uses the real modules when an input needs them (a stack export with an asset)", () => {
        const r = spawnSync(process.execPath, ["-e", `
            require(${JSON.stringify(path.join(PACK_DIR, "dist", "harness", "lazy-sdk.js"))}).deferSdkModules();
            const d = require("@pulumi/policy/deserialize");
            const a = d.deserializeProperties({ toJavaScript: () => ({ a: { "${RPC_CONSTANTS.specialSigKey}": "${RPC_CONSTANTS.specialAssetSig}", text: "x" } }) }, false);
            const pulumi = require("@pulumi/pulumi");
            process.stdout.write(String(a.a instanceof pulumi.asset.StringAsset));`], { cwd: PACK_DIR, encoding: "utf8" });
        assert.strictEqual(r.stdout, "true", r.stderr);
    });
});

describe("the precomputed analyzer info", () => {
    const level = pack.packArgs.enforcementLevel || "advisory";

    it("is the build's, for this pack, and equals the SDK's GetAnalyzerInfo decoded by the harness", () => {
        const live = liveAnalyzerInfo(pack.PACK_NAME, version, level, pack.packArgs);
        const file = path.join(PACK_DIR, PRECOMPUTED_INFO);
        assert.ok(fs.existsSync(file), `${file} is written by npm run build`);
        const used = analyzerInfo(PACK_DIR, pack.PACK_NAME, version, level, pack.packArgs);
        assert.deepStrictEqual(used, live);
        assert.strictEqual(JSON.stringify(used), JSON.stringify(live)); // key order too
        assert.deepStrictEqual(Object.keys(used.policies[0]), Object.keys(live.policies[0])); // undefined fields kept
    });

    it("is not used for other pack arguments (a policy changed since the build)", () => {
        const changed = { ...pack.packArgs, policies: pack.packArgs.policies.map((p: any, i: number) => (i === 0 ? { ...p, description: p.description + " (changed)" } : p)) };
        assert.notStrictEqual(infoFingerprint(pack.PACK_NAME, version, level, changed), infoFingerprint(pack.PACK_NAME, version, level, pack.packArgs));
        const used = analyzerInfo(PACK_DIR, pack.PACK_NAME, version, level, changed);
        assert.deepStrictEqual(used, liveAnalyzerInfo(pack.PACK_NAME, version, level, changed));
        assert.match(used.policies.find(p => p.name === pack.packArgs.policies[0].name)!.description, /\(changed\)$/);
        // A function added or removed changes the policy type, so it changes the fingerprint.
        const noValidate = { ...pack.packArgs, policies: pack.packArgs.policies.map((p: any, i: number) => (i === 0 ? { ...p, validateResource: undefined } : p)) };
        assert.notStrictEqual(infoFingerprint(pack.PACK_NAME, version, level, noValidate), infoFingerprint(pack.PACK_NAME, version, level, pack.packArgs));
    });

    it("is rewritten identically by the build step", () => {
        // The same values, undefined fields and key order. Not the same bytes: v8 writes a number as
        // an integer or a double depending on how the engine happens to hold it (1 vs 1.0).
        const file = path.join(PACK_DIR, PRECOMPUTED_INFO);
        const before = v8.deserialize(fs.readFileSync(file));
        writePrecomputedInfo(PACK_DIR);
        const after = v8.deserialize(fs.readFileSync(file));
        assert.deepStrictEqual(after, before);
        const ordered = (v: unknown) => JSON.stringify(v, (_k, x) => (x === undefined ? "[undefined]" : x));
        assert.strictEqual(ordered(after), ordered(before));
    });
});

describe("Configure without protobuf", () => {
    const configs: [string, PackConfig][] = [
        ["empty", {}],
        ...fs.readdirSync(path.join(PACK_DIR, "config")).filter(f => f.endsWith(".json")).map(f => {
            const c = readPackConfigFile(path.join(PACK_DIR, "config", f));
            return [f, c] as [string, PackConfig];
        }),
        ["every level, nested and odd values", {
            "z-last": { enforcementLevel: "remediate", properties: { b: [3, { y: 1, x: null }], a: "é", n: -0, big: 1e21, u: undefined } },
            "a-first": { enforcementLevel: "disabled" },
            "m": { properties: { "__proto__": { x: 1 }, lone: "\ud800x", emoji: "😀" } },
            "k8s-x": { enforcementLevel: "mandatory", properties: { exemptions: [{ namespace: "kube-system" }], deep: { c: { b: { a: [] } } } } },
        } as PackConfig],
    ];
    for (const [name, config] of configs) {
        it(`gives the SDK the config protobuf gives it: ${name}`, () => {
            const fast = sdkConfigOf(config), real = sdkConfigViaProtocol(config);
            assert.deepStrictEqual(fast, real);
            assert.strictEqual(JSON.stringify(fast), JSON.stringify(real));
        });
    }
});
