// Preloaded (node -r) by bench/devloop.ts: at exit, this process's CPU time and peak RSS go to the
// file AKS_GUARD_BENCH_USAGE names.
import * as fs from "fs";

const out = process.env.AKS_GUARD_BENCH_USAGE;
if (out) {
    process.on("exit", () => {
        const { userCPUTime: user, systemCPUTime: system, maxRSS } = process.resourceUsage();
        fs.writeFileSync(out, JSON.stringify({ user, system, maxRSS }));
    });
}
