// Rule from Kubernetes' service account docs ("Manually create a long-lived API token for a
// ServiceAccount": a Secret of type kubernetes.io/service-account-token, legacy since 1.24); cases
// written from the docs' example Secret.
import * as assert from "assert";
import { ResourceInput, UNKNOWN_STRING } from "../../../harness";
import { messages, PolicyContract } from "../../support/util";

const policy = "k8s-no-legacy-service-account-tokens";
const secret = (type: unknown, token = "kubernetes:core/v1:Secret", account: string | null = "build-robot"): ResourceInput => ({
    type: token, name: "s",
    props: { apiVersion: "v1", kind: "Secret", metadata: { name: "build-robot-secret", namespace: "ci", annotations: account ? { "kubernetes.io/service-account.name": account } : undefined }, type },
});

export const contract: PolicyContract = { policy, bad: [secret("kubernetes.io/service-account-token")], target: 0, field: ["type"] };

describe(policy, () => {
    it("reports a token Secret, naming its ServiceAccount and the fix", async () => {
        assert.deepStrictEqual(await messages(policy, secret("kubernetes.io/service-account-token")), ['Secret "ci/build-robot-secret": it holds a long-lived token for ServiceAccount build-robot that never expires (type); remove it and use projected, short-lived service account tokens.']);
        assert.match((await messages(policy, secret("kubernetes.io/service-account-token", undefined, null)))[0], /long-lived token that never expires/);
    });
    it("passes other Secret types, defers an unknown type; Patch, List, malformed", async () => {
        for (const t of ["Opaque", "kubernetes.io/tls", "kubernetes.io/dockerconfigjson", undefined, null, 7, UNKNOWN_STRING]) {
            assert.deepStrictEqual(await messages(policy, secret(t)), [], String(t));
        }
        assert.strictEqual((await messages(policy, secret("kubernetes.io/service-account-token", "kubernetes:core/v1:SecretPatch"))).length, 1);
        const list = { type: "kubernetes:core/v1:SecretList", name: "l", props: { items: [secret("Opaque").props, secret("kubernetes.io/service-account-token").props] } };
        assert.match((await messages(policy, list))[0], /\(items\[1\]\.type\)/);
    });
});
