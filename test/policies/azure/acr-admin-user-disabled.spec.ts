import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { messages, PolicyContract } from "../../support/util";

const policy = "acr-admin-user-disabled";
const registry = (props: Record<string, unknown>, type = "azure-native:containerregistry:Registry") =>
    ({ type, name: "acr", props: { resourceGroupName: "rg", sku: { name: "Premium" }, ...props } });

export const contract: PolicyContract = {
    policy,
    bad: [registry({ adminUserEnabled: true })],
    target: 0,
    field: ["adminUserEnabled"],
};

describe(policy, () => {
    it("fires when the admin user is enabled, naming the field and the fix", async () => {
        assert.deepStrictEqual(await messages(policy, registry({ adminUserEnabled: true })),
            ['Registry "acr": adminUserEnabled is true; set it to false and pull with a managed identity (AcrPull role) instead.']);
    });

    it("passes when the admin user is disabled or left at Azure's default", async () => {
        assert.deepStrictEqual(await messages(policy, registry({ adminUserEnabled: false })), []);
        assert.deepStrictEqual(await messages(policy, registry({})), []);
    });

    it("defers an unknown value", async () => {
        assert.deepStrictEqual(await messages(policy, registry({ adminUserEnabled: UNKNOWN_STRING })), []);
    });

    it("still fires when another field is unknown", async () => {
        assert.strictEqual((await messages(policy, registry({ adminUserEnabled: true, anonymousPullEnabled: UNKNOWN_STRING }))).length, 1);
    });

    it("matches every API version of the registry type", async () => {
        for (const type of ["azure-native:containerregistry/v20230701:Registry", "azure-native:containerregistry/v20250501preview:Registry"]) {
            assert.strictEqual((await messages(policy, registry({ adminUserEnabled: true }, type))).length, 1, type);
        }
    });

    it("ignores other resource types", async () => {
        assert.deepStrictEqual(await messages(policy, registry({ adminUserEnabled: true }, "azure-native:containerregistry:Webhook")), []);
    });

    it("honours excludeResources", async () => {
        assert.deepStrictEqual(await messages(policy, registry({ adminUserEnabled: true }), { excludeResources: ["ac*"] }), []);
        assert.deepStrictEqual(await messages(policy, registry({ adminUserEnabled: true, registryName: "sharedacr" }), { excludeResources: ["shared*"] }), [], "by the Azure name too");
    });
});
