// The resource types the pack declares it judges (`aks-guard list --types`) against what its
// policies really match: every token a declared type stands for (each API version, Patch and List
// variant) is matched by the policy that declares it, and no policy matches a token of another
// policy's declared type that it does not declare itself. Unit test over the policy objects' own
// TypeFilter (the function the in-process evaluator skips policies by).
import * as assert from "assert";
import { policies } from "../policies/catalog";
import { judgedTypes } from "../policies/lib/policy";
import { matchesPattern, TypePattern } from "../policies/lib/tokens";
import { providerOf } from "../cli/report/list";

/** Tokens a declared type stands for, as the engine would send them. */
function tokensOf(pattern: TypePattern): string[] {
    const k8s = /^kubernetes:([^/:]+)\/\*:([A-Za-z0-9]+)$/.exec(pattern);
    if (k8s) {
        const [, group, kind] = k8s;
        return [`kubernetes:${group}/v1:${kind}`, `kubernetes:${group}/v1beta1:${kind}Patch`, `kubernetes:${group}/v2:${kind}List`];
    }
    const native = /^azure-native:([A-Za-z0-9]+):([A-Za-z0-9]+)$/.exec(pattern);
    if (native) {
        const [, module, type] = native;
        return [pattern, `azure-native:${module}/v20240901:${type}`, `azure-native:${module}/v20250102preview:${type}`];
    }
    return [pattern];
}

/** Near misses: the same kind in a group no policy names, a type beside a declared one, another provider's spelling. */
function nearMisses(pattern: TypePattern): string[] {
    const k8s = /^kubernetes:([^/:]+)\/\*:([A-Za-z0-9]+)$/.exec(pattern);
    if (k8s) return [`kubernetes:example.com/v1:${k8s[2]}`, `kubernetes:${k8s[1]}/v1:${k8s[2]}Status`];
    const native = /^azure-native:([A-Za-z0-9]+):([A-Za-z0-9]+)$/.exec(pattern);
    if (native) return [`azure-native:${native[1]}:${native[2]}Other`, `azure-native:other:${native[2]}`, `azure:${native[1]}/x:${native[2]}`];
    return [`${pattern}Other`];
}

const declared = new Set(policies.flatMap(judgedTypes));
const universe = [...new Set([...declared].flatMap(p => [...tokensOf(p), ...nearMisses(p)]))];

describe("declared resource types (aks-guard list --types)", () => {
    it("every policy declares the types it judges or reads, each of a provider the command line lists", () => {
        assert.deepStrictEqual(policies.filter(p => judgedTypes(p).length === 0).map(p => p.name), []);
        assert.deepStrictEqual([...declared].filter(t => providerOf(t) === undefined), []);
        for (const p of policies) if ("validateResource" in p) assert.ok(p.judges?.types, `${p.name}: a resource policy declares its TypeFilter's types`);
    });

    it("the tokens a declared type stands for are those matchesPattern reads it as", () => {
        for (const p of declared) {
            for (const t of tokensOf(p)) assert.ok(matchesPattern(t, p), `${p} stands for ${t}`);
            for (const t of nearMisses(p)) assert.ok(!matchesPattern(t, p), `${p} is not ${t}`);
        }
    });

    for (const policy of policies.filter(p => p.judges)) {
        it(`${policy.name}: matches exactly the tokens of the types it declares`, () => {
            const types = policy.judges!.types ?? [];
            const wrong = universe.filter(t => policy.judges!(t) !== types.some(p => matchesPattern(t, p)))
                .map(t => `${t}: ${policy.judges!(t) ? "matched, not declared" : "declared, not matched"}`);
            assert.deepStrictEqual(wrong, []);
        });
    }
});
