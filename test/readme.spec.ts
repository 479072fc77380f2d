// The README's policy table and reference are the catalog's: regenerate with `npm run docs`.
import * as assert from "assert";
import * as fs from "fs";
import { policies } from "../policies/catalog";
import { README, renderReadme } from "../tools/readme";

describe("README", () => {
    const text = fs.readFileSync(README, "utf8");

    it("shows the catalog exactly as the policies define it (run `npm run docs` after changing one)", () => {
        assert.strictEqual(text, renderReadme(text));
    });

    it("has a section for every policy, the target of its url", () => {
        for (const p of policies) assert.ok(text.includes(`\n#### ${p.name}\n`), p.name);
    });

    it("gives the two set-up commands", () => {
        assert.ok(text.includes("npm ci && npm start") && text.includes("npm test"));
    });
});
