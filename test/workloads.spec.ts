// The workload policies together, at their default levels, the way a stack meets them: hardened
// workloads of every kind pass all of them; the bundled insecure Deployment gets exactly the
// expected diagnostics.
import * as assert from "assert";
import { Session } from "../harness";
import { hardenedPod, workload, WORKLOADS } from "./util";

describe("workload policies together", () => {
    let s: Session;
    before(async () => { s = await Session.start({}); });
    after(async () => { await s?.close(); });

    for (const kind of ["Deployment", "StatefulSet", "DaemonSet", "CronJob", "Pod", ...Object.keys(WORKLOADS)].filter((k, i, a) => a.indexOf(k) === i)) {
        it(`a hardened ${kind} with an init container passes every policy`, async () => {
            const r = await s.run([workload(kind, hardenedPod())]);
            assert.deepStrictEqual(r.resources[0].diagnostics.map(d => `${d.policyName}: ${d.message}`), []);
        });
    }
});
