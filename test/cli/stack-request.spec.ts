// The harness encodes AnalyzeStack's request one resource at a time (the CLI sends thousands):
// the bytes must be exactly those of the generated message's serializeBinary.
import * as assert from "assert";
import * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import { PackProcess, repeatedField, secret, UNKNOWN_STRING } from "../../harness";
import { mixedResources } from "../../bench/resources";

describe("harness: AnalyzeStack request encoding", () => {
    it("equals AnalyzeStackRequest.serializeBinary for mixed resources with parents, dependencies and providers", () => {
        const pack = Object.create(PackProcess.prototype) as any; // only its message builders are used
        const resources = mixedResources(300).map((r, i) => ({
            ...r,
            props: { ...r.props, s: secret("x"), u: UNKNOWN_STRING, big: "y".repeat(i * 10) },
            parent: i % 2 ? "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev" : undefined,
            dependencies: i % 3 ? [`urn:pulumi:dev::p::t:m:T::${i}`] : [],
            propertyDependencies: i % 4 ? undefined : { metadata: [`urn:pulumi:dev::p::t:m:T::${i}`], spec: [] },
            provider: i % 5 ? undefined : { type: "pulumi:providers:kubernetes", name: "k", props: { namespace: "x" } },
        }));
        const req = new apb.AnalyzeStackRequest();
        req.setResourcesList(resources.map(r => pack.stackResource(r)));
        const expected = Buffer.from(req.serializeBinary());
        const actual = repeatedField(1, resources.map(r => pack.stackResource(r).serializeBinary()));
        assert.ok(expected.length > 300 * 128, "long messages exercise multi-byte lengths");
        assert.ok(actual.equals(expected));
    });

    it("carries propertyDependencies in each AnalyzeStack resource, as the engine sends them", () => {
        const pack = Object.create(PackProcess.prototype) as any;
        const ar: apb.AnalyzerResource = pack.stackResource({ type: "t:m:T", name: "a", props: {}, dependencies: ["u1", "u2"], propertyDependencies: { resourceUri: ["u2"], logs: [] } });
        const back = apb.AnalyzerResource.deserializeBinary(ar.serializeBinary());
        const deps: Record<string, string[]> = {};
        back.getPropertydependenciesMap().forEach((v, k) => { deps[k] = v.getUrnsList(); });
        assert.deepStrictEqual(deps, { resourceUri: ["u2"], logs: [] });
        assert.deepStrictEqual(back.getDependenciesList(), ["u1", "u2"]);
    });
});
