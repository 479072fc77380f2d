// After tsc (npm run build): the two entry points as one file each (esbuild), because Node spends
// much of a short run resolving, reading and compiling modules (docs/performance.md):
// - dist/cli/aks-guard.js, the package's `bin`, from dist/cli/main.js (about 200 modules: a third
//   of a one-file check). Everything the in-process path runs is inside: the command, the
//   harness, the policies, `yaml`;
// - dist/pack.js, the package's `main`, which Pulumi's run-policy-pack loads, from dist/index.js
//   (about 100 modules, loaded one by one: up to a tenth of start-up). `yaml` stays outside: it
//   loads only for an explicit provider's kubeconfig.
// Left outside both, as installed: @pulumi/* (the lazy SDK stand-ins replace its modules by path,
// and the policies must share its classes with the SDK), google-protobuf and @grpc/grpc-js.
// test/cli/bundle.spec.ts and test/pack-bundle.spec.ts check that each bundle answers as its
// modules do and loads none of them.
import { buildSync } from "esbuild";
import * as path from "path";

const root = path.resolve(__dirname, "..", "..");
const external = ["@pulumi/*", "google-protobuf", "@grpc/*"];
const bundles: [what: string, entry: string, outfile: string, external: string[]][] = [
    ["command line bundle", "dist/cli/main.js", "dist/cli/aks-guard.js", external],
    ["pack bundle", "dist/index.js", "dist/pack.js", [...external, "yaml"]],
];
for (const [what, entry, outfile, externals] of bundles) {
    buildSync({
        entryPoints: [path.join(root, entry)],
        outfile: path.join(root, outfile),
        bundle: true,
        platform: "node",
        target: "node18",
        format: "cjs",
        external: externals,
        logLevel: "warning",
    });
    console.log(`${what}: ${outfile}`);
}
