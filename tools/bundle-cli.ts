// After tsc (npm run build): the command line as one file, dist/cli/aks-guard.js (the package's
// `bin`). Node resolves, reads and compiles about 200 modules to start dist/cli/main.js, a third
// of a one-file check's time; one file costs a fraction of that (docs/performance.md). Everything
// the in-process path runs is inside: the command, the harness, the policies, `yaml`. Left outside,
// as installed: @pulumi/* (the lazy SDK stand-ins replace its modules by path, and the policies
// must share its classes with the SDK), google-protobuf and @grpc/grpc-js (--engine, and the pack
// process it starts, which runs dist/index.js as Pulumi does).
// test/cli/bundle.spec.ts checks that the bundle gives the modules' reports and loads none of them.
import { buildSync } from "esbuild";
import * as path from "path";

const root = path.resolve(__dirname, "..", "..");
const outfile = path.join(root, "dist", "cli", "aks-guard.js");
buildSync({
    entryPoints: [path.join(root, "dist", "cli", "main.js")],
    outfile,
    bundle: true,
    platform: "node",
    target: "node18",
    format: "cjs",
    external: ["@pulumi/*", "google-protobuf", "@grpc/*"],
    logLevel: "warning",
});
console.log(`command line bundle: ${path.relative(process.cwd(), outfile)}`);
