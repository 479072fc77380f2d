// Install footprint: a production install of the published package, against a production install
// of the bare SDK an @pulumi/policy pack needs (@pulumi/policy and @pulumi/pulumi at our versions),
// so what the pack adds on top of the SDK is visible.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PACK_DIR } from "../harness";
import { folderSize, installPublished, npmInstallProduction } from "./packs";
import { BenchRow } from "./report";

export async function footprintBench(): Promise<BenchRow[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-guard-footprint-"));
    try {
        const { root } = installPublished(dir);
        const ours = folderSize(root);
        const ownDeps = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")).dependencies;
        const sdk = path.join(dir, "sdk");
        fs.mkdirSync(sdk);
        fs.writeFileSync(path.join(sdk, "package.json"), JSON.stringify({
            name: "sdk-only", version: "0.0.0",
            dependencies: { "@pulumi/policy": ownDeps["@pulumi/policy"], "@pulumi/pulumi": ownDeps["@pulumi/pulumi"] },
        }));
        npmInstallProduction(sdk);
        const base = folderSize(sdk);
        const mb = (b: number) => b / 1024 / 1024;
        return [
            { name: "install: @pulumi/policy + @pulumi/pulumi only", value: mb(base), unit: "MB" },
            { name: "install: aks-guard (npm install --omit=dev)", value: mb(ours), unit: "MB", ratio: ours / base, target: 1.10 },
        ];
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
