// Peak memory of `aks-guard check` on large inputs, as a user runs it (the built binary, a process
// per run; peak resident memory of the command and of the pack process it starts, sampled from
// /proc): a 60 MB YAML file of 10,000 ConfigMaps, and a `pulumi stack export` of 20,000 mixed
// resources. Each peak is reported against its budget: 1.2 GB for the command on the YAML file,
// and the 2 GB that cli/limits.ts promises for the pack within the default bounds. The 20,000-
// resource export holds more property values than the default --max-values allows (the pack would
// pass 2 GB): it runs with the bound raised, to measure what the pack costs per value. The YAML
// file's strings pass --engine's default --max-string-size, raised the same way.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkOnce, runCheck, stackExport } from "./cli";
import { BenchRow } from "./report";

/** 10,000 ConfigMaps of 60 keys each, about 60 MB of YAML. */
export function configMaps(count = 10000): string {
    const docs: string[] = [];
    for (let i = 0; i < count; i++) {
        let d = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  namespace: ns-${i % 20}\ndata:\n`;
        for (let k = 0; k < 60; k++) d += `  key-${k}: "${"v".repeat(90)}"\n`;
        docs.push(d);
    }
    return docs.join("---\n");
}

export async function memoryBench(): Promise<BenchRow[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-guard-bench-memory-"));
    try {
        const yaml = path.join(dir, "configmaps.yaml"), stack = path.join(dir, "stack.json");
        fs.writeFileSync(yaml, configMaps());
        fs.writeFileSync(stack, stackExport(20000));
        const mb = (f: string) => Math.round(fs.statSync(f).size / 1024 / 1024);
        // 57 MB of text in strings: over --engine's default --max-string-size (40 MB, sized for one huge string), raised here.
        const y = await checkOnce(yaml, ["--max-string-size", "64"]);
        const s = await checkOnce(stack, ["--max-values", "2000000"]);
        // The default: the catalog evaluated in the command's own process, no pack process.
        const yIn = await runCheck([yaml]);
        const sIn = await runCheck([stack]); // within the in-process default bound
        return [
            { name: `peak memory: aks-guard check (in process), ${mb(yaml)} MB YAML (10,000 ConfigMaps) vs 1.2 GB`, value: yIn.cliMB, unit: "MB", ratio: yIn.cliMB / 1200, target: 1 },
            { name: "peak memory: aks-guard check (in process), 20,000-resource stack export (default bound) vs the 2 GB bound", value: sIn.cliMB, unit: "MB", ratio: sIn.cliMB / 2048, target: 1 },
            { name: `peak memory: aks-guard check --engine command, ${mb(yaml)} MB YAML (10,000 ConfigMaps) vs 1.2 GB`, value: y.cliMB, unit: "MB", ratio: y.cliMB / 1200, target: 1 },
            { name: `peak memory: pack process, ${mb(yaml)} MB YAML (10,000 ConfigMaps) vs the 2 GB bound`, value: y.packMB, unit: "MB", ratio: y.packMB / 2048, target: 1 },
            { name: "peak memory: aks-guard check --engine command, 20,000-resource stack export", value: s.cliMB, unit: "MB" },
            { name: "peak memory: pack process, 20,000-resource stack export (--max-values raised)", value: s.packMB, unit: "MB", ratio: s.packMB / 2048 },
        ];
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
