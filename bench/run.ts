// `npm run bench`: every benchmark in one run, printed as a table and written to bench/results.json.
// `node dist/bench/run.js analyze cli` runs some of them.
import { analyzeBench } from "./analyze";
import { cliBench } from "./cli";
import { devloopBench } from "./devloop";
import { engineBench } from "./engine";
import { footprintBench } from "./footprint";
import { hostileBench } from "./hostile";
import { memoryBench } from "./memory";
import { startupBench } from "./startup";
import { yamlBench } from "./yaml";
import { BenchRow, printTable, writeResults } from "./report";

const benches: [string, () => Promise<BenchRow[]>][] = [
    ["start-up", () => startupBench()],
    // AKS_GUARD_BENCH_ANALYZE=<resources>[,<rounds>] for a reduced run (default 5000,3).
    ["analyze", () => analyzeBench(...(process.env.AKS_GUARD_BENCH_ANALYZE ?? "5000,3").split(",").map(Number) as [number, number?])],
    ["devloop", () => devloopBench()],
    ["cli", () => cliBench()],
    ["engine", () => engineBench()],
    ["footprint", () => footprintBench()],
    ["memory", () => memoryBench()],
    ["yaml", () => yamlBench()],
    ["hostile", () => hostileBench()],
];

(async () => {
    const only = process.argv.slice(2);
    const rows: BenchRow[] = [];
    for (const [name, run] of benches) {
        if (only.length && !only.includes(name)) continue;
        rows.push(...await run());
    }
    printTable(rows);
    console.log(`written to ${writeResults(rows, only.length > 0)}`);
    if (rows.some(r => r.ratio !== undefined && r.target !== undefined && r.ratio > r.target)) process.exitCode = 1;
})().catch(e => { console.error(e); process.exit(2); });
