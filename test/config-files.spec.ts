// The ready-made config files under config/: each is valid against the pack's own schemas (the
// engine's rules, through the harness) and says what its name promises.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { readPackConfigFile, reconcile, Session } from "../harness";
import { policies } from "../policies/catalog";
import { hardenedPod, mutate, session, workload } from "./support/util";

const CONFIG_DIR = path.resolve(__dirname, "..", "..", "config");
const file = (name: string) => path.join(CONFIG_DIR, name);

async function effective(name: string) {
    const s = await session();
    return reconcile(s.info.policies, s.info.initialConfig, readPackConfigFile(file(name)), name);
}

describe("config files", () => {
    for (const name of ["audit.json", "deny.json", "exemptions.example.json"]) {
        it(`${name} is valid against every policy's schema and names only real policies`, async () => {
            const { warnings } = await effective(name);
            assert.deepStrictEqual(warnings, []);
        });
    }

    it("audit.json makes every policy advisory", async () => {
        const { config } = await effective("audit.json");
        const notAdvisory = policies.map(p => p.name).filter(n => config[n]?.enforcementLevel !== "advisory");
        assert.deepStrictEqual(notAdvisory, []);
    });

    it("deny.json sets every policy explicitly and blocks at least every policy that is mandatory by default", async () => {
        const given = readPackConfigFile(file("deny.json"));
        assert.deepStrictEqual(policies.map(p => p.name).filter(n => !(n in given)), [], "deny.json must name every policy of the catalog");
        const { config } = await effective("deny.json");
        const weaker = policies.filter(p => p.enforcementLevel === "mandatory" && config[p.name].enforcementLevel !== "mandatory").map(p => p.name);
        assert.deepStrictEqual(weaker, []);
    });

    it("the exemptions example exempts only what it names", async () => {
        const s = await Session.start(JSON.parse(fs.readFileSync(file("exemptions.example.json"), "utf8")), {}, "exemptions.example.json");
        try {
            const hostNet = mutate(hardenedPod(), p => { p.hostNetwork = true; });
            const verdicts = async (ns: string) => (await s.run([workload("DaemonSet", hostNet, { namespace: ns })])).resources[0].diagnostics
                .filter(d => d.policyName === "k8s-no-host-namespaces").map(d => d.enforcementLevel);
            assert.deepStrictEqual(await verdicts("monitoring"), []);
            assert.deepStrictEqual(await verdicts("kube-system"), []);
            assert.deepStrictEqual(await verdicts("apps"), ["mandatory"]);
        } finally {
            await s.close();
        }
    });
});
