// ConfigureStack's dryRun, for the policies. @pulumi/policy's server reads only the stack tags of
// the request and drops dryRun, yet the pack needs it: at `pulumi up` (dryRun false) no input is
// unknown, so a string that equals the engine's unknown sentinel is data (settled semantics,
// round 3). The hook wraps the configureStack handler the SDK registers with its gRPC server,
// reads dryRun, then lets the SDK answer as before.
import * as path from "path";
import { setDryRun } from "./lib/values";

/** Installs the hook; call it before `new PolicyPack` (which serves the pack). */
export function hookConfigureStack(): void {
    // The gRPC module the SDK itself loads (its own copy, if npm nested one).
    const sdkDir = path.dirname(require.resolve("@pulumi/policy"));
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [sdkDir] }));
    const addService = grpc.Server.prototype.addService;
    grpc.Server.prototype.addService = function (this: unknown, service: unknown, impl: Record<string, unknown>) {
        const configure = impl?.configureStack;
        if (typeof configure === "function") {
            impl = {
                ...impl,
                configureStack(call: { request?: { getDryRun?: () => boolean } }, callback: unknown) {
                    const dryRun = call?.request?.getDryRun?.();
                    setDryRun(dryRun !== false);
                    return configure.call(this, call, callback);
                },
            };
        }
        return addService.call(this, service, impl);
    };
}
