// The resource types the pack declares it judges (`aks-guard list --types`) against what its
// policies really match: every token a declared type stands for (each API version, Patch and List
// variant) is matched by the policy that declares it, and no policy matches a token of another
// policy's declared type that it does not declare itself. Unit test over the policy objects' own
// TypeFilter (the function the in-process evaluator skips policies by).
import * as assert from "assert";
import { policies } from "../policies/catalog";
import type { ResourceValidationArgs } from "@pulumi/policy";
import { judgedTypes, unguarded } from "../policies/lib/policy";
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

    // The type check in front (outsideIs) decides by `judges` alone; behind it, a policy's own views
    // must judge nothing outside `judges` either, or a type it means to judge would be skipped.
    // Every type of the universe gets an object with what every kind reads (containers at every
    // depth, rules, subjects, data, Azure properties), insecure where a rule could fail.
    const container = { name: "c", image: "nginx:latest", securityContext: { privileged: true, runAsUser: 0 }, ports: [{ containerPort: 80, hostPort: 80 }] };
    const podSpec = { hostNetwork: true, containers: [container], volumes: [{ name: "v", hostPath: { path: "/" } }] };
    const everything = (type: string) => ({
        apiVersion: "v1", kind: type.split(":")[2] ?? "", metadata: { name: "x", namespace: "default", annotations: { "nginx.ingress.kubernetes.io/server-snippet": "x" } },
        spec: { ...podSpec, template: { spec: podSpec }, jobTemplate: { spec: { template: { spec: podSpec } } }, type: "NodePort", rules: [{ host: "a", http: { paths: [{ path: "/" }] } }] },
        rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }], subjects: [{ kind: "Group", name: "system:anonymous" }], roleRef: { kind: "ClusterRole", name: "cluster-admin" },
        data: { password: "hunter2" }, properties: { adminUserEnabled: true, publicNetworkAccess: "Enabled" }, adminEnabled: true, publicNetworkAccessEnabled: true,
    });
    for (const policy of policies.filter(p => p.judges && "validateResource" in p)) {
        it(`${policy.name}: its own validation, without the type check in front, judges no type outside the ones it declares`, () => {
            const validate = unguarded.get((policy as { validateResource: object }).validateResource);
            assert.ok(validate, "outsideIs wraps its validateResource");
            const judged = universe.filter(t => !policy.judges!(t)).flatMap(type => {
                class Outside extends Error {}
                const args = {
                    type, name: "x", urn: `urn:pulumi:dev::p::${type}::x`, props: everything(type), opts: {}, stackTags: new Map(),
                    isType: () => false, asType: () => undefined, getConfig: () => ({}),
                    notApplicable: (reason?: string): never => { throw new Outside(reason); },
                } as unknown as ResourceValidationArgs;
                let reported = false;
                try {
                    validate(args, () => { reported = true; });
                } catch (e) {
                    if (e instanceof Outside && !reported && e.message === policy.outside!(type)) return [];
                    return [`${type}: ${e instanceof Outside ? `not applicable: ${e.message}` : e}`];
                }
                return [`${type}: judged${reported ? " (reported)" : " (passed)"}`];
            });
            assert.deepStrictEqual(judged, []);
        });
    }
});
