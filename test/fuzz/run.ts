// `npm run fuzz [seconds]`: fuzz rounds with fresh seeds until the time is up (default 60 s).
import { Session } from "../../harness";
import { policies } from "../../policies/catalog";
import { remediable } from "../../policies/lib/policy";
import { fuzzRound } from "./fuzz";

(async () => {
    const seconds = Number(process.argv[2] ?? 60);
    const first = Number(process.env.AKS_GUARD_FUZZ_SEED ?? Date.now() % 1e9);
    const s = await Session.start(Object.fromEntries(policies.map(p => [p.name, remediable(p) ? "remediate" : "mandatory"])));
    const end = Date.now() + seconds * 1000;
    let seed = first, rounds = 0, failed = 0;
    try {
        while (Date.now() < end) {
            const failures = await fuzzRound(s, seed, 100);
            for (const f of failures) console.log(`FAIL seed ${f.seed} ${f.resource ?? ""}: ${f.error}`);
            failed += failures.length;
            rounds++;
            seed++;
        }
    } finally {
        await s.close();
    }
    console.log(`${rounds} rounds of 100 resources, seeds ${first}..${seed - 1}: ${failed} failures`);
    process.exitCode = failed ? 1 : 0;
})().catch(e => { console.error(e); process.exit(2); });
