// Pulumi's policy summaries count a policy that did not judge a resource apart from one that
// passed it: the pack calls args.notApplicable(reason), which @pulumi/policy 1.21.0 reports in
// AnalyzeResponse.not_applicable (server.js, pushNotApplicable). Through the engine's protocol: a
// kind the policy does not judge and a resource config exempts are not applicable, with a reason
// (the exempting key named); a resource the policy judged, passed or failed, is not.
import * as assert from "assert";
import { Session, urnOf } from "../harness";
import { hardenedContainer, workload } from "./support/util";

describe("not applicable, through the analyzer protocol", function () {
    this.timeout(120000);
    let session: Session;
    const POLICY = "k8s-no-privileged-containers";
    before(async () => {
        session = await Session.start({ [POLICY]: { excludeResources: ["*/legacy-*"] } });
    });
    after(async () => session?.close());

    const analyze = async (r: ReturnType<typeof workload>) => {
        const res = await session.pack.analyzeWithNotApplicable({ ...r, urn: urnOf(r.type, r.name) });
        return { ...res, reason: res.notApplicable.find(n => n.policyName === POLICY)?.reason, failed: res.diagnostics.some(d => d.policyName === POLICY) };
    };
    const privileged = (name: string) => workload("Deployment", { containers: [{ ...hardenedContainer(), securityContext: { ...(hardenedContainer().securityContext as object), privileged: true } }] }, { name });

    it("a kind the policy does not judge: not applicable, naming the type", async () => {
        const cm = { type: "kubernetes:core/v1:ConfigMap", name: "settings", props: { metadata: { name: "settings" }, data: { a: "b" } } };
        const got = await analyze(cm as ReturnType<typeof workload>);
        assert.match(got.reason ?? "", /kubernetes:core\/v1:ConfigMap is not a kind k8s-no-privileged-containers judges/);
    });

    it("a resource config exempts: not applicable, naming the key, and not reported", async () => {
        const got = await analyze(privileged("legacy-web"));
        assert.strictEqual(got.failed, false);
        assert.match(got.reason ?? "", /excludeResources/);
    });

    it("a resource the policy judged, failing or passing: no not-applicable entry", async () => {
        const bad = await analyze(privileged("web"));
        assert.ok(bad.failed && bad.reason === undefined);
        const good = await analyze(workload("Deployment", { containers: [hardenedContainer()] }, { name: "api" }));
        assert.ok(!good.failed && good.reason === undefined);
    });
});
