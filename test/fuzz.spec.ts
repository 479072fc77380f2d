// The fuzz test in CI: one round of seeded mutations through the harness, every policy at
// `remediate` so that remediations run too. Reproduce a failure with AKS_GUARD_FUZZ_SEED=<seed>.
import * as assert from "assert";
import { Session } from "../harness";
import { policies } from "../policies/catalog";
import { remediable } from "../policies/lib/policy";
import { fuzzRound } from "./fuzz/fuzz";

describe("fuzz", () => {
    it("never gets an RPC error or a policy exception from mutated resources", async () => {
        const seed = Number(process.env.AKS_GUARD_FUZZ_SEED ?? 20261123);
        console.log(`      fuzz seed ${seed} (reproduce with AKS_GUARD_FUZZ_SEED=${seed})`);
        const s = await Session.start(Object.fromEntries(policies.map(p => [p.name, remediable(p) ? "remediate" : "mandatory"])));
        try {
            const failures = [];
            // One round here; `npm run fuzz` runs the next seeds (from seed + 1) and then fresh ones.
            failures.push(...await fuzzRound(s, seed, 60));
            assert.deepStrictEqual(failures, []);
        } finally {
            await s.close();
        }
    });
});
