// The command line's in-process path loads only what it uses. @pulumi/policy's policy.js requires
// its gRPC server (./server) at load, for PolicyPack's constructor only, and its deserializer
// requires the whole @pulumi/pulumi index (automation, closure serialization, npm's arborist...)
// for the asset classes and @pulumi/pulumi/runtime/rpc for four constants. deferSdkModules() puts
// stand-ins for those three modules in the require cache before anything loads them: each loads
// the real module on first use and forwards to it, so behaviour is the SDK's (a stack export with an
// asset loads @pulumi/pulumi then). The rpc stand-in answers its four signature constants itself;
// test/lazy-sdk.spec.ts checks them against the real module, and RPC_CONSTANTS pins their names.
import * as path from "path";

/* eslint-disable @typescript-eslint/no-var-requires */
const Module: any = require("module");

/** The constants of @pulumi/pulumi/runtime/rpc that @pulumi/policy/deserialize reads per value. */
export const RPC_CONSTANTS: Readonly<Record<string, string>> = Object.freeze({
    specialSigKey: "4dabf18193072939515e22adb298388d",
    specialAssetSig: "c44067f5952c0a294b673a41bacd8c17",
    specialArchiveSig: "0def7320c3a5731c473e5ecbe6d01bc7",
    specialSecretSig: "1b47061264138c4ac30d75fd1eb44270",
});

/** Where the three deferred modules resolve from `fromDir` (the pack's root): server.js, the @pulumi/pulumi index, runtime/rpc.js. */
export function deferredPaths(fromDir: string): { server: string; pulumi: string; rpc: string } {
    const server = require.resolve("@pulumi/policy/server", { paths: [fromDir] });
    // @pulumi/policy's own @pulumi/pulumi, as its modules resolve it.
    const policyDir = path.dirname(server);
    return {
        server,
        pulumi: require.resolve("@pulumi/pulumi", { paths: [policyDir] }),
        rpc: require.resolve("@pulumi/pulumi/runtime/rpc", { paths: [policyDir] }),
    };
}

/** A module whose exports load `file` for real on first use and forward to it; `own` is answered without loading. */
function standIn(file: string, own: Readonly<Record<string, unknown>> = {}): object {
    let real: any;
    const load = () => {
        if (real === undefined) {
            delete require.cache[file];
            real = require(file);
        }
        return real;
    };
    const exports = new Proxy({} as Record<string | symbol, unknown>, {
        get: (_t, p) => (typeof p === "string" && Object.prototype.hasOwnProperty.call(own, p) ? own[p] : load()[p]),
        has: (_t, p) => p in load(),
        set: (_t, p, v) => { load()[p] = v; return true; },
        ownKeys: () => Reflect.ownKeys(load()),
        getOwnPropertyDescriptor: (_t, p) => {
            const d = Object.getOwnPropertyDescriptor(load(), p);
            return d && { ...d, configurable: true };
        },
        defineProperty: (_t, p, d) => { Object.defineProperty(load(), p, d); return true; },
    });
    const m = new Module(file, null);
    m.filename = file;
    m.loaded = true;
    m.exports = exports;
    return m;
}

/**
 * Installs the stand-ins for the SDK as the pack in `fromDir` resolves it, unless a module is
 * loaded already (then the real one stays). Idempotent.
 */
export function deferSdkModules(fromDir: string = path.resolve(__dirname, "..", "..")): void {
    let paths;
    try {
        paths = deferredPaths(fromDir);
    } catch {
        return; // a pack without @pulumi/policy installed: nothing to defer
    }
    if (!require.cache[paths.server]) require.cache[paths.server] = standIn(paths.server) as any;
    if (!require.cache[paths.pulumi]) require.cache[paths.pulumi] = standIn(paths.pulumi) as any;
    if (!require.cache[paths.rpc]) require.cache[paths.rpc] = standIn(paths.rpc, RPC_CONSTANTS) as any;
}
