// `aks-guard check` in process (the default) against `aks-guard check --engine` (the pack over
// the analyzer gRPC protocol), each run as a user runs it (the built binary, one process per run):
// 10,000 mixed objects (a stack export), one resource, and 10 CRDs of about 200 KB plus one
// Deployment against the Deployment alone. Peak memory is the resident high-water mark of the
// command and of every process it starts. AKS_GUARD_BENCH_COUNT lowers the 10,000 on a slow machine.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { runCheck, stackExport } from "./cli";
import { BenchRow, median } from "./report";
import { crd, mixedResources } from "./resources";



async function medianOf(n: number, args: string[]): Promise<number> {
    const ms: number[] = [];
    for (let i = 0; i < n; i++) ms.push((await runCheck(args)).ms);
    return median(ms);
}

export async function engineBench(count = Number(process.env.AKS_GUARD_BENCH_COUNT ?? 10000)): Promise<BenchRow[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-guard-bench-engine-"));
    try {
        const big = path.join(dir, "stack.json"), one = path.join(dir, "one.json");
        fs.writeFileSync(big, stackExport(count));
        fs.writeFileSync(one, stackExport(1));
        const deployment = { ...mixedResources(1)[0].props, apiVersion: "apps/v1" };
        // About 200 KB of YAML each (a CRD's JSON is smaller than its YAML).
        const crds = Array.from({ length: 10 }, (_, i) => crd(i, 120).props);
        const alone = path.join(dir, "deployment.yaml"), withCrds = path.join(dir, "operator.yaml");
        fs.writeFileSync(alone, stringify(deployment));
        fs.writeFileSync(withCrds, [...crds, deployment].map(d => stringify(d)).join("---\n"));
        const crdKB = fs.statSync(withCrds).size / 1024;
        // The same objects as JSON (`kubectl get -o json` style), which reads without the YAML parser's cost.
        const aloneJson = path.join(dir, "deployment.json"), withCrdsJson = path.join(dir, "operator.json");
        fs.writeFileSync(aloneJson, JSON.stringify({ apiVersion: "v1", kind: "List", items: [deployment] }));
        fs.writeFileSync(withCrdsJson, JSON.stringify({ apiVersion: "v1", kind: "List", items: [...crds, deployment] }));

        await runCheck([one]); // warm the file cache
        await runCheck(["--engine", one]);
        const oneIn = await medianOf(5, [one]), oneEngine = await medianOf(5, ["--engine", one]);
        const aloneMs = await medianOf(5, [alone]), crdMs = await medianOf(5, [withCrds]);
        const aloneJsonMs = await medianOf(5, [aloneJson]), crdJsonMs = await medianOf(5, [withCrdsJson]);
        const crdEngine = await medianOf(1, ["--engine", withCrds]);
        const bigIn = await runCheck([big]), bigEngine = await runCheck(["--engine", big]);
        return [
            { name: "machine: cores", value: os.cpus().length, unit: "" },
            { name: `check --engine: ${count} mixed objects`, value: bigEngine.ms, unit: "ms" },
            { name: `check (in process): ${count} mixed objects vs --engine`, value: bigIn.ms, unit: "ms", ratio: bigIn.ms / bigEngine.ms, target: 0.25 },
            { name: `peak memory: check (in process), ${count} mixed objects vs the 700 MB budget`, value: bigIn.cliMB, unit: "MB", ratio: bigIn.cliMB / 700, target: 1 },
            { name: `peak memory: check --engine, ${count} mixed objects, command + pack`, value: bigEngine.cliMB + bigEngine.packMB, unit: "MB" },
            { name: "check --engine: 1 resource", value: oneEngine, unit: "ms" },
            { name: "check (in process): 1 resource vs --engine", value: oneIn, unit: "ms", ratio: oneIn / oneEngine, target: 0.6 },
            { name: "check (in process): 1 Deployment (YAML)", value: aloneMs, unit: "ms" },
            { name: `check (in process): 10 CRDs (${crdKB.toFixed(0)} KB of YAML) + the Deployment vs it alone`, value: crdMs, unit: "ms", ratio: crdMs / aloneMs, target: 1.5 },
            { name: "check (in process): 1 Deployment (JSON)", value: aloneJsonMs, unit: "ms" },
            { name: "check (in process): the same 10 CRDs + the Deployment as JSON vs it alone", value: crdJsonMs, unit: "ms", ratio: crdJsonMs / aloneJsonMs },
            { name: "check --engine: 10 CRDs + the Deployment (YAML)", value: crdEngine, unit: "ms" },
        ];
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
