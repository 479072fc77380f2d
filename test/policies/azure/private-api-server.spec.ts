import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { CLUSTER_PREVIEW, CLUSTER_VERSIONED, clusterWith, hardenedCluster } from "../../support/azure";
import { messages, PolicyContract } from "../../support/util";

const policy = "aks-private-api-server";

/** A public cluster limited to `ranges`. */
const publicWith = (ranges: unknown, opts: { token?: string } = {}) => clusterWith(c => {
    c.apiServerAccessProfile = { enablePrivateCluster: false, disableRunCommand: true, authorizedIPRanges: ranges };
}, opts);

const range = (i: number) => `ManagedCluster "prod-aks": apiServerAccessProfile.authorizedIPRanges[${i}]`;

export const contract: PolicyContract = {
    policy,
    bad: [publicWith(["0.0.0.0/0"])],
    target: 0,
    field: ["apiServerAccessProfile", "authorizedIPRanges", 0],
};

describe(policy, () => {
    it("passes a private cluster, with or without ranges", async () => {
        assert.deepStrictEqual(await messages(policy, hardenedCluster()), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.apiServerAccessProfile.authorizedIPRanges = ["203.0.113.0/24"]; })), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.apiServerAccessProfile.authorizedIPRanges = []; })), []);
    });

    it("passes a public cluster limited to narrow ranges and bare addresses (/32, /128)", async () => {
        assert.deepStrictEqual(await messages(policy, publicWith(["203.0.113.0/24", "198.51.100.7", "10.0.0.0/16", "2001:db8:1234::/48", "2001:db8::1"])), []);
    });

    it("fires on 0.0.0.0/0 and ::/0, even on a private cluster", async () => {
        assert.deepStrictEqual(await messages(policy, contract.bad), [`${range(0)} allows every address (/0); list only your own egress ranges.`]);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.apiServerAccessProfile.authorizedIPRanges = ["::/0"]; })), [`${range(0)} allows every address (/0); list only your own egress ranges.`]);
        assert.strictEqual((await messages(policy, publicWith(["0.0.0.0/0"]), { maxPrefixLength: 0 })).length, 1);
    });

    it("fires on a public cluster without authorized ranges", async () => {
        const open = (now: string) => [`ManagedCluster "prod-aks": does not set apiServerAccessProfile.enablePrivateCluster and has ${now} apiServerAccessProfile.authorizedIPRanges, so the API server is open to the internet; make it private or list your egress ranges.`];
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { delete c.apiServerAccessProfile; })), open("no"));
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.apiServerAccessProfile = { authorizedIPRanges: [] }; })), open("empty"));
    });

    it("fires on a range broader than /maxPrefixLength (IPv6: maxPrefixLength + 32)", async () => {
        assert.deepStrictEqual(await messages(policy, publicWith(["203.0.113.0/24", "10.0.0.0/8", "2001:db8::/32"])), [
            `${range(1)} is a /8, broader than the allowed /16; list narrower ranges.`,
            `${range(2)} is a /32, broader than the allowed /48; list narrower ranges.`,
        ]);
    });

    it("judges an IPv4-mapped IPv6 range as the IPv4 range it maps", async () => {
        assert.deepStrictEqual(await messages(policy, publicWith(["::ffff:0.0.0.0/96", "::ffff:0:0/96", "0:0:0:0:0:ffff:a00:0/104", "::ffff:203.0.113.0/120", "::ffff:198.51.100.7"])), [
            `${range(0)} allows every address (/0 as an IPv4-mapped /96); list only your own egress ranges.`,
            `${range(1)} allows every address (/0 as an IPv4-mapped /96); list only your own egress ranges.`,
            `${range(2)} is an IPv4-mapped /104, i.e. an IPv4 /8, broader than the allowed /16; list narrower ranges.`,
        ]);
        assert.deepStrictEqual(await messages(policy, publicWith(["::ffff:10.0.0.0/104"]), { maxPrefixLength: 8 }), []);
    });

    it("fires on an IPv6 range that contains every IPv4-mapped address, whatever maxPrefixLength", async () => {
        const covers = (i: number, p: number) => `${range(i)} is a /${p} that contains every IPv4-mapped address (::ffff:0:0/96), so it admits every IPv4 address; list narrower ranges.`;
        assert.deepStrictEqual(await messages(policy, publicWith(["::ffff:0:0/80", "::/64", "::ffff:0:0/95"]), { maxPrefixLength: 32 }), [covers(0, 80), covers(1, 64), covers(2, 95)]);
        assert.deepStrictEqual(await messages(policy, publicWith(["::fffe:0:0/96", "2001:db8:1:2::/64"]), { maxPrefixLength: 32 }), []);
    });

    it("follows maxPrefixLength", async () => {
        assert.deepStrictEqual(await messages(policy, publicWith(["10.0.0.0/8"]), { maxPrefixLength: 8 }), []);
        assert.deepStrictEqual(await messages(policy, publicWith(["10.1.0.0/16", "2001:db8:1::/48", "2001:db8:1:2::/64"]), { maxPrefixLength: 24 }), [
            `${range(0)} is a /16, broader than the allowed /24; list narrower ranges.`,
            `${range(1)} is a /48, broader than the allowed /56; list narrower ranges.`,
        ]);
    });

    it("with requirePrivateCluster, fires on any public cluster", async () => {
        assert.deepStrictEqual(await messages(policy, publicWith(["203.0.113.0/24"]), { requirePrivateCluster: true }), [
            'ManagedCluster "prod-aks": sets apiServerAccessProfile.enablePrivateCluster to false; set it to true (requirePrivateCluster).',
        ]);
        assert.deepStrictEqual(await messages(policy, hardenedCluster(), { requirePrivateCluster: true }), []);
    });

    it("reports malformed ranges without repeating them", async () => {
        assert.deepStrictEqual(await messages(policy, publicWith(["my-office", "10.0.0.300/24", "10.0.0.0/33", 42])), [
            `${range(0)} is not an IP address or CIDR range; list IPv4 or IPv6 ranges such as 203.0.113.0/24.`,
            `${range(1)} is not an IP address or CIDR range; list IPv4 or IPv6 ranges such as 203.0.113.0/24.`,
            `${range(2)} is not an IP address or CIDR range; list IPv4 or IPv6 ranges such as 203.0.113.0/24.`,
            `${range(3)} is 42; list IPv4 or IPv6 ranges such as 203.0.113.0/24.`,
        ]);
    });

    it("defers unknown ranges and still reports a known bad one beside them", async () => {
        assert.deepStrictEqual(await messages(policy, publicWith(UNKNOWN_STRING)), []);
        assert.deepStrictEqual(await messages(policy, publicWith([UNKNOWN_STRING])), []);
        assert.deepStrictEqual(await messages(policy, publicWith([UNKNOWN_STRING, "0.0.0.0/0"])), [`${range(1)} allows every address (/0); list only your own egress ranges.`]);
        // Whether the cluster is private is not known yet: a missing range list is deferred, a bad range is not.
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.apiServerAccessProfile = { enablePrivateCluster: UNKNOWN_STRING }; })), []);
        assert.strictEqual((await messages(policy, clusterWith(c => { c.apiServerAccessProfile = { enablePrivateCluster: UNKNOWN_STRING, authorizedIPRanges: ["0.0.0.0/0"] }; }))).length, 1);
    });

    it("matches versioned and preview ManagedCluster tokens", async () => {
        for (const token of [CLUSTER_VERSIONED, CLUSTER_PREVIEW]) assert.strictEqual((await messages(policy, publicWith([], { token }))).length, 1, token);
    });
});
