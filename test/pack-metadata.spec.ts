// What Pulumi Cloud shows of the pack, through GetAnalyzerInfo as the engine reads it: the
// pack's display name, a readme counted from the catalog, provider, tags and repository, and a
// display name for every policy. Every link comes from package.json's `repository`.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PACK_DIR, Session } from "../harness";
import { session as sharedSession } from "./support/util";
import { policies } from "../policies/catalog";
import { displayNameOf, PRACTICES } from "../policies/lib/policy";
import { repositoryWebUrl } from "../policies/lib/links";
import { packReadme } from "../policies/pack";

describe("pack and policy metadata for Pulumi Cloud", function () {
    this.timeout(120000);
    let session: Session;
    // GetAnalyzerInfo's answer does not depend on the config: the run's shared pack process.
    before(async () => { session = await sharedSession(); });
    const manifest = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"));

    it("package.json names the repository, and every link is under it", () => {
        assert.deepStrictEqual(manifest.repository, { type: "git", url: "git+https://github.com/aks-guard/aks-guard.git" });
        const repo = repositoryWebUrl(manifest.repository);
        assert.strictEqual(repo, "https://github.com/aks-guard/aks-guard");
        assert.strictEqual(session.info.repository, repo);
        for (const p of session.info.policies) assert.strictEqual(p.url, `${repo}/blob/main/docs/policies.md#${p.name}`, p.name);
    });

    it("reads the forms package.json's repository may take", () => {
        assert.strictEqual(repositoryWebUrl("github:o/r"), "https://github.com/o/r");
        assert.strictEqual(repositoryWebUrl("o/r"), "https://github.com/o/r");
        assert.strictEqual(repositoryWebUrl({ url: "git+https://gitlab.com/g/p.git" }), "https://gitlab.com/g/p");
        assert.strictEqual(repositoryWebUrl("git+ssh://git@github.com/o/r.git"), "https://github.com/o/r");
        assert.throws(() => repositoryWebUrl(undefined), /names no repository/);
    });

    it("the pack has a display name, provider and tags", () => {
        assert.strictEqual(session.info.displayName, "aks-guard: AKS and Kubernetes hardening");
        assert.strictEqual(session.info.provider, "azure");
        assert.deepStrictEqual(session.info.tags, ["aks", "azure", "kubernetes", "security", "hardening"]);
        assert.ok(session.info.description.length > 0);
    });

    it("the readme counts the catalog per practice and links the docs", () => {
        const readme = session.info.readme;
        assert.strictEqual(readme, packReadme(policies));
        assert.ok(readme.includes(`${policies.length} policies: ${policies.filter(p => p.enforcementLevel === "mandatory").length} mandatory`));
        const rbac = policies.filter(p => p.practice === "6.1").length;
        assert.ok(rbac > 0 && readme.includes(`| 6.1 ${PRACTICES["6.1"]} | ${rbac} |`));
        // Practices in the article's order: 6.1 after 6, 11.2 before 12.
        assert.ok(readme.indexOf("| 6 ") < readme.indexOf("| 6.1 ") && readme.indexOf("| 11.2 ") < readme.indexOf("| 12 "));
        assert.ok(readme.includes("https://github.com/aks-guard/aks-guard/blob/main/docs/policies.md"));
        // A policy added to a practice changes its count.
        assert.ok(packReadme([...policies, policies[0]]).includes(`| 1 ${PRACTICES["1"]} | 2 |`));
    });

    it("every policy has a display name derived from its name (names unchanged), unique", () => {
        const names = session.info.policies.map(p => p.displayName);
        assert.deepStrictEqual(session.info.policies.map(p => p.name), policies.map(p => p.name));
        assert.strictEqual(new Set(names).size, names.length);
        const byName = new Map(session.info.policies.map(p => [p.name, p.displayName]));
        assert.strictEqual(byName.get("k8s-no-host-namespaces"), "Kubernetes: no host namespaces");
        assert.strictEqual(byName.get("aks-private-api-server"), "AKS: private API server");
        assert.strictEqual(byName.get("acr-admin-user-disabled"), "Container registry: admin user disabled");
        assert.strictEqual(byName.get("k8s-read-only-root-filesystem"), "Kubernetes: read-only root filesystem");
        assert.strictEqual(displayNameOf("custom-thing"), "Custom thing");
    });
});
