// `npm run fuzz [seconds]`: the two seeded rounds that follow `npm test`'s, then fuzz rounds with
// fresh seeds until the time is up (default 60 s). (The full-size tests, test/heavy, run before it.)
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
        // First the two rounds after `npm test`'s own (test/fuzz.spec.ts: seed 20261123, 60 resources).
        for (const pinned of [20261124, 20261125]) {
            const failures = await fuzzRound(s, pinned, 60);
            for (const f of failures) console.log(`FAIL seed ${f.seed} ${f.resource ?? ""}: ${f.error}`);
            failed += failures.length;
        }
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
    console.log(`2 seeded rounds of 60 resources, then ${rounds} rounds of 100, seeds ${first}..${seed - 1}: ${failed} failures`);
    process.exitCode = failed ? 1 : 0;
})().catch(e => { console.error(e); process.exit(2); });
