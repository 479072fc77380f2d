// The example AKS program (examples/aks) under Pulumi mocks: every resource it registers (type,
// name, inputs, dependencies) goes through the pack via the harness, as `pulumi preview` would
// send it. The hardened stack passes every Azure policy of the catalog; the insecure variant
// fails every one that its resources can show.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { deserializeProperties } from "@pulumi/pulumi/runtime/rpc";
import { getMonitor } from "@pulumi/pulumi/runtime/settings";
import type { Variant } from "../../examples/aks";
import { Diagnostic, ResourceInput } from "../../harness";
import { judge, session } from "../support/util";

/** Outputs the mocks give back: the Azure name and an ARM-shaped id. */
function mockOutputs(type: string, name: string, inputs: Record<string, any>): { id: string; state: Record<string, unknown> } {
    const group = inputs.resourceGroupName ?? "aks-rg";
    const sub = "/subscriptions/00000000-0000-0000-0000-000000000000";
    if (type === "azure-native:resources:ResourceGroup") return { id: `${sub}/resourceGroups/${inputs.resourceGroupName}`, state: { ...inputs, name: inputs.resourceGroupName } };
    if (type === "azure-native:containerservice:ManagedCluster") {
        return { id: `${sub}/resourceGroups/${group}/providers/Microsoft.ContainerService/managedClusters/${inputs.resourceName}`, state: { ...inputs, name: inputs.resourceName } };
    }
    return { id: `${sub}/resourceGroups/${group}/providers/mock/${name}`, state: { ...inputs, name } };
}

/** Runs the example under mocks and returns what it registered, as the engine would send it. */
async function declare(variant: Variant): Promise<ResourceInput[]> {
    await pulumi.runtime.setMocks({
        newResource: a => mockOutputs(a.type, a.name, a.inputs),
        call: a => a.inputs,
    }, "aks-example", "dev", false);
    const registered: ResourceInput[] = [];
    const monitor: any = getMonitor();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: (err: unknown, res: any) => void) => register(req, async (err: unknown, res: any) => {
        if (!err && res && !req.getType().startsWith("pulumi:providers:")) {
            registered.push({
                type: req.getType(),
                name: req.getName(),
                urn: res.getUrn(),
                props: JSON.parse(JSON.stringify(await deserializeProperties(req.getObject()))),
                dependencies: req.getDependenciesList(),
            });
        }
        callback(err, res);
    });
    const { aksStack } = await import("../../examples/aks");
    const stack = aksStack(variant);
    await new Promise(resolve => pulumi.all(stack.resources.map(r => r.urn)).apply(resolve));
    return registered;
}

/** The diagnostics of every Azure policy of the catalog (all mandatory) on the resources. */
async function azureDiagnostics(resources: ResourceInput[], config: Record<string, Record<string, unknown>> = {}): Promise<{ azure: string[]; diagnostics: Diagnostic[] }> {
    const s = await session();
    const azure = s.info.policies.filter(p => p.tags.includes("azure")).map(p => p.name);
    await s.reconfigure({ all: "disabled", ...Object.fromEntries(azure.map(n => [n, { enforcementLevel: "mandatory", ...config[n] }])) });
    const result = await s.run(resources);
    return { azure, diagnostics: [...result.resources.flatMap(r => r.diagnostics), ...result.stack] };
}

describe("example: examples/aks", function () {
    this.timeout(300000);

    it("registers the cluster, both node pools, registry, audit setting and Defender plan with their dependencies", async () => {
        const resources = await declare("hardened");
        const types = resources.map(r => r.type).sort();
        for (const t of ["azure-native:containerservice:ManagedCluster", "azure-native:containerservice:AgentPool", "azure-native:containerregistry:Registry", "azure-native:monitor:DiagnosticSetting", "azure-native:security:Pricing"]) {
            assert.ok(types.includes(t), t);
        }
        const cluster = resources.find(r => r.type === "azure-native:containerservice:ManagedCluster")!;
        const audit = resources.find(r => r.type === "azure-native:monitor:DiagnosticSetting")!;
        assert.ok(audit.dependencies?.includes(cluster.urn!), "the diagnostic setting depends on the cluster");
        assert.deepStrictEqual((cluster.props as any).agentPoolProfiles[0].nodeTaints, ["CriticalAddonsOnly=true:NoSchedule"]);
    });

    it("the hardened stack passes every Azure policy of the catalog", async () => {
        const resources = await declare("hardened");
        const { azure, diagnostics } = await azureDiagnostics(resources);
        assert.ok(azure.length >= 7, azure.join(", "));
        assert.deepStrictEqual(diagnostics.map(d => `${d.policyName}: ${d.message}`), []);
    });

    it("the insecure variant fails every Azure policy whose resources it declares", async () => {
        const { azure, diagnostics } = await azureDiagnostics(await declare("insecure"));
        // The example declares no Application Gateway, so azure-app-gateway-waf has nothing to judge.
        const expected = azure.filter(n => n !== "azure-app-gateway-waf").sort();
        const fired = [...new Set(diagnostics.map(d => d.policyName))].sort();
        assert.deepStrictEqual(fired, expected);
        for (const name of ["aks-service-mesh-enabled", "aks-audit-logs-enabled"]) {
            assert.ok(diagnostics.some(d => d.policyName === name && d.message.includes('ManagedCluster "aks"')), name);
        }
        assert.ok(diagnostics.some(d => d.policyName === "aks-cluster-consistency" && /Kubernetes RBAC \(enableRBAC\)/.test(d.message)));
    });
});
