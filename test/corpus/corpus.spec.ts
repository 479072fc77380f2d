// Every indexed corpus case through the harness: the policy named by the case must report a
// violation exactly when the index expects one, under the case's params. The corpus lives outside
// the repository: without it these cases are pending (one line says why), unless
// AKS_GUARD_REQUIRE_CORPUS is set (.ci/run sets it), where its absence fails the run.
import * as assert from "assert";
import { policies } from "../../policies/catalog";
import { judge } from "../support/util";
import { DIFFERENCES } from "../support/corpus-differences";
import { caseId, caseResource, CORPUS_ABSENT, corpusPresent, loadIndex } from "../support/corpus";

const required = !!process.env.AKS_GUARD_REQUIRE_CORPUS && process.env.AKS_GUARD_REQUIRE_CORPUS !== "0";
const cases = corpusPresent() ? loadIndex() : [];
const inCatalog = new Set(policies.map(p => p.name));
const byPolicy = new Map<string, typeof cases>();
for (const c of cases) byPolicy.set(c.policy, [...(byPolicy.get(c.policy) ?? []), c]);

// The dot reporter shows a pending test as one comma: say why in the run's output too.
if (!corpusPresent() && !required) console.log(`  corpus cases pending: ${CORPUS_ABSENT}`);

describe("corpus", () => {
    if (!corpusPresent()) {
        if (required) it("is required here (AKS_GUARD_REQUIRE_CORPUS) and present", () => assert.fail(CORPUS_ABSENT));
        else it(`corpus cases pending: ${CORPUS_ABSENT}`);
        return;
    }
    for (const [policy, list] of byPolicy) {
        describe(policy, () => {
            if (!inCatalog.has(policy)) {
                // Visible as pending in every run until the policy lands, never skipped silently.
                it(`${list.length} cases wait for ${policy}, which is not in the catalog yet`);
                return;
            }
            for (const c of list) {
                const id = caseId(c);
                const diff = DIFFERENCES.find(d => d.id === id && d.policy === policy);
                const title = `${c.expect === "violation" ? "fires on" : "passes"} ${id} (${c.source} ${c.sourceCheck}${Object.keys(c.params).length ? " " + JSON.stringify(c.params) : ""})`;
                it(diff ? `judges ${id} differently on purpose: ${diff.reason}` : title, async () => {
                    const ds = await judge(policy, caseResource(c), c.params);
                    const got = ds.length > 0 ? "violation" : "no-violation";
                    if (diff) {
                        assert.notStrictEqual(got, c.expect, `${id} is listed as a deliberate difference but agrees with the index`);
                        return;
                    }
                    assert.strictEqual(got, c.expect, `${policy} on ${id}: ${c.note ?? ""}\n${ds.map(d => d.message).join("\n")}`);
                    if (c.expect === "violation") assert.ok(ds.every(d => d.enforcementLevel === "mandatory"));
                });
            }
        });
    }
});
