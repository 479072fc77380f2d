// The generated docs are the catalog's: docs/policies.md (one section per policy, the target of
// its url) and the README's policy table. Regenerate both with `npm run docs`.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { policies } from "../policies/catalog";
import { DOCS_URL } from "../policies/lib/policy";
import { catalogTable, POLICIES_DOC, POLICIES_MD, policiesMarkdown, policySources, README, renderReadme, ROOT } from "../tools/docs";

describe("docs", () => {
    const readme = fs.readFileSync(README, "utf8");
    const doc = fs.existsSync(POLICIES_MD) ? fs.readFileSync(POLICIES_MD, "utf8") : "";

    it("docs/policies.md is what the catalog generates (run `npm run docs` after changing a policy)", () => {
        assert.strictEqual(doc, policiesMarkdown());
    });

    it("the README's policy table is what the catalog generates", () => {
        assert.strictEqual(readme, renderReadme(readme));
    });

    it("docs/policies.md has a section for every policy, the target of its url, stating its rule", () => {
        const sources = policySources();
        for (const p of policies) {
            assert.strictEqual(p.url, `${DOCS_URL}#${p.name}`, p.name);
            assert.ok(DOCS_URL.endsWith(`/${POLICIES_DOC}`));
            const at = doc.indexOf(`\n### ${p.name}\n`);
            assert.ok(at >= 0, `no section for ${p.name}`);
            const next = doc.indexOf("\n### ", at + 1);
            const section = doc.slice(at + 1, next < 0 ? undefined : next);
            const src = sources.get(p.name)!;
            assert.ok(src.statement.length > 0, `${src.file} opens with no rule statement`);
            const firstWords = src.statement.join(" ").trim().split(/\s+/).slice(0, 4).join(" ");
            assert.ok(section.includes(firstWords), `${p.name}: the section states the rule from ${src.file} ("${firstWords}")`);
            assert.ok(section.includes(`](../${src.file})`), `${p.name}: links its code`);
            for (const key of Object.keys(p.configSchema?.properties ?? {})) assert.ok(section.includes(`| \`${key}\` |`), `${p.name}: config key ${key}`);
        }
    });

    it("every policy has a spec beside its file's path under test/", () => {
        const sources = policySources();
        assert.deepStrictEqual(policies.filter(p => !sources.get(p.name)?.spec).map(p => p.name), []);
    });

    it("the README links every policy to its section of docs/policies.md", () => {
        for (const p of policies) assert.ok(readme.includes(`[${p.name}](${POLICIES_DOC}#${p.name})`), p.name);
        assert.ok(readme.includes(catalogTable()));
    });

    it("names exactly the stack policies (whole and partial) an audit scan of discovered resources does not run", () => {
        const at = readme.indexOf("\n### Audit scans of discovered resources\n");
        assert.ok(at >= 0, "the section is there");
        const section = readme.slice(at + 1, readme.indexOf("\n#", at + 2));
        const named = [...section.matchAll(/`([a-z0-9-]+)`/g)].map(m => m[1]).filter(n => policies.some(p => p.name === n));
        const stack = policies.filter(p => "validateStack" in p);
        assert.deepStrictEqual([...named].sort(), stack.map(p => p.name).sort());
        // Those that also judge single resources are named as partly run.
        const partial = section.slice(section.indexOf("Two policies"));
        for (const p of stack.filter(p => "validateResource" in p)) assert.ok(partial.includes(`\`${p.name}\``), p.name);
        assert.strictEqual(stack.filter(p => "validateResource" in p).length, 2, "the README says two");
        assert.ok(section.includes("resource policies only") && /@pulumi\/policy\s+1\.21/.test(section));
    });

    it("gives the two set-up commands, and the docs it points at exist", () => {
        assert.ok(readme.includes("npm ci && npm start") && readme.includes("npm test"));
        for (const m of readme.matchAll(/\]\(((?:docs|examples)\/[^)#]+)/g)) assert.ok(fs.existsSync(path.join(ROOT, m[1])), m[1]);
    });
});
