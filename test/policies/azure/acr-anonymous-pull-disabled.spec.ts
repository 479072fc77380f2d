import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { messages, PolicyContract } from "../../support/util";

const policy = "acr-anonymous-pull-disabled";
const registry = (props: Record<string, unknown>, type = "azure-native:containerregistry:Registry") =>
    ({ type, name: "acr", props: { resourceGroupName: "rg", sku: { name: "Premium" }, ...props } });

export const contract: PolicyContract = {
    policy,
    bad: [registry({ anonymousPullEnabled: true })],
    target: 0,
    field: ["anonymousPullEnabled"],
};

describe(policy, () => {
    it("fires when anonymous pull is enabled, naming the field and the fix", async () => {
        assert.deepStrictEqual(await messages(policy, registry({ anonymousPullEnabled: true })),
            ['Registry "acr": anonymousPullEnabled is true; set it to false so that every pull is authenticated (AcrPull role).']);
    });

    it("passes when anonymous pull is disabled or left at Azure's default", async () => {
        assert.deepStrictEqual(await messages(policy, registry({ anonymousPullEnabled: false })), []);
        assert.deepStrictEqual(await messages(policy, registry({})), []);
    });

    it("fires whatever the SKU (anonymous pull is never wanted)", async () => {
        assert.strictEqual((await messages(policy, registry({ anonymousPullEnabled: true, sku: { name: "Basic" } }))).length, 1);
    });

    it("defers an unknown value", async () => {
        assert.deepStrictEqual(await messages(policy, registry({ anonymousPullEnabled: UNKNOWN_STRING })), []);
    });

    it("still fires when another field is unknown", async () => {
        assert.strictEqual((await messages(policy, registry({ anonymousPullEnabled: true, adminUserEnabled: UNKNOWN_STRING }))).length, 1);
    });

    it("matches every API version of the registry type", async () => {
        for (const type of ["azure-native:containerregistry/v20230701:Registry", "azure-native:containerregistry/v20250501preview:Registry"]) {
            assert.strictEqual((await messages(policy, registry({ anonymousPullEnabled: true }, type))).length, 1, type);
        }
    });

    it("ignores other resource types", async () => {
        assert.deepStrictEqual(await messages(policy, registry({ anonymousPullEnabled: true }, "azure-native:containerregistry:Webhook")), []);
    });

    it("honours excludeResources", async () => {
        assert.deepStrictEqual(await messages(policy, registry({ anonymousPullEnabled: true }), { excludeResources: ["ac*"] }), []);
        assert.deepStrictEqual(await messages(policy, registry({ anonymousPullEnabled: true, registryName: "sharedacr" }), { excludeResources: ["shared*"] }), [], "by the Azure name too");
    });
});
