// Pack start-up through run-policy-pack, until GetAnalyzerInfo's answer has arrived (as the engine
// waits for it; decoding it is the engine's, in Go), against an empty @pulumi/policy pack measured
// in the same run (alternating, median of each).
import { PackProcess, PACK_DIR } from "../harness";
import { emptyPack, removePack } from "./packs";
import { BenchRow, median } from "./report";

async function startOnce(dir: string): Promise<number> {
    const t0 = process.hrtime.bigint();
    const pack = await PackProcess.start(dir);
    await pack.getAnalyzerInfoBytes();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    await pack.close();
    return ms;
}

export async function startupBench(runs = 9): Promise<BenchRow[]> {
    const empty = emptyPack();
    try {
        await startOnce(empty); await startOnce(PACK_DIR); // warm the file cache
        const ours: number[] = [], base: number[] = [];
        for (let i = 0; i < runs; i++) {
            base.push(await startOnce(empty));
            ours.push(await startOnce(PACK_DIR));
        }
        const o = median(ours), b = median(base);
        return [
            { name: "start-up: empty @pulumi/policy pack", value: b, unit: "ms" },
            { name: "start-up: aks-guard", value: o, unit: "ms", ratio: o / b, target: 1.10 },
        ];
    } finally {
        removePack(empty);
    }
}
