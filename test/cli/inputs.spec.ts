// The readers behind `aks-guard check`, in process: what each input format becomes as the
// resource the engine would send (type token, name, props, provider, parent, dependencies).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { UNKNOWN_STRING, isSecret } from "../../harness";
import { Located, readInputs } from "../../cli/inputs";
import { DEFAULT_LIMITS } from "../../cli/limits";
import { fixture, withTempAsync } from "../support/cli";
import { PACK_DIR } from "../../harness";

const read = (...files: string[]) => readInputs(files.map(f => path.join(PACK_DIR, f)), DEFAULT_LIMITS);
const get = (o: unknown, ...keys: (string | number)[]): any => keys.reduce((v: any, k) => v?.[k], o);

describe("aks-guard check: input readers", () => {
    it("Kubernetes: token from apiVersion and kind (core → core/v1), name namespace/name, props the object", async () => {
        const [dep, svc] = await read(fixture("k8s", "insecure.yaml"));
        assert.deepStrictEqual([dep.type, dep.name, dep.line], ["kubernetes:apps/v1:Deployment", "shop/web", 2]);
        assert.deepStrictEqual([svc.type, svc.name, svc.line], ["kubernetes:core/v1:Service", "shop/web", 21]);
        assert.strictEqual(get(dep.props, "spec", "template", "spec", "containers", 0, "securityContext", "privileged"), true);
    });

    it("Kubernetes: a typed list (DeploymentList) gives its items the list's kind and apiVersion", async () => {
        await withTempAsync(async dir => {
            const f = path.join(dir, "l.yaml");
            fs.writeFileSync(f, "apiVersion: apps/v1\nkind: DeploymentList\nitems:\n  - metadata: {name: a}\n    spec: {}\n  - metadata: {name: b}\n");
            const rs = await readInputs([f], DEFAULT_LIMITS);
            assert.deepStrictEqual(rs.map(r => [r.type, r.name, r.line]), [["kubernetes:apps/v1:Deployment", "a", 4], ["kubernetes:apps/v1:Deployment", "b", 6]]);
        });
    });

    it("Kubernetes: the same kind and name twice gets a numbered second name (URNs stay unique); one file named twice is read once", async () => {
        await withTempAsync(async dir => {
            const copy = path.join(dir, "copy.yaml");
            fs.copyFileSync(path.join(PACK_DIR, fixture("k8s", "insecure.yaml")), copy);
            const rs = await readInputs([path.join(PACK_DIR, fixture("k8s", "insecure.yaml")), copy, copy], DEFAULT_LIMITS);
            assert.deepStrictEqual(rs.map(r => r.name), ["shop/web", "shop/web", "shop/web#2", "shop/web#2"]);
        });
    });

    it("stack export: inputs judged, provider resolved with its inputs (secrets stay secret), parent and dependencies passed", async () => {
        const rs = await read(fixture("pulumi", "stack-export-insecure.json"));
        const dep = rs.find(r => r.type === "kubernetes:apps/v1:Deployment") as Located;
        assert.strictEqual(dep.urn, "urn:pulumi:dev::shop::kubernetes:apps/v1:Deployment::web");
        assert.strictEqual(dep.name, "web");
        assert.strictEqual(get(dep.props, "status"), undefined, "inputs, not outputs");
        assert.strictEqual(dep.parent, "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev");
        assert.deepStrictEqual(dep.dependencies, ["urn:pulumi:dev::shop::kubernetes:core/v1:Namespace::shop"]);
        assert.strictEqual(dep.provider?.type, "pulumi:providers:kubernetes");
        assert.strictEqual(dep.provider?.name, "aks");
        assert.strictEqual(dep.provider?.urn, "urn:pulumi:dev::shop::pulumi:providers:kubernetes::aks");
        assert.strictEqual(get(dep.provider?.props, "namespace"), "shop");
        const kubeconfig = get(dep.provider?.props, "kubeconfig");
        assert.ok(isSecret(kubeconfig) && kubeconfig.value === UNKNOWN_STRING, "an encrypted secret is a secret of unknown value");
    });

    it("preview: newState of each step; delete steps, the stack and providers skipped", async () => {
        const rs = await read(fixture("pulumi", "preview-insecure.json"));
        assert.deepStrictEqual(rs.map(r => r.type), ["kubernetes:apps/v1:Deployment"]);
        assert.strictEqual(rs[0].provider?.name, "default_4_34_2");
    });

    it("stack export and preview: propertyDependencies passed as the engine sends them; malformed entries dropped", async () => {
        const [dep] = (await read(fixture("pulumi", "stack-export-insecure.json"))).filter(r => r.type === "kubernetes:apps/v1:Deployment");
        assert.deepStrictEqual(dep.propertyDependencies, { metadata: ["urn:pulumi:dev::shop::kubernetes:core/v1:Namespace::shop"] });
        await withTempAsync(async dir => {
            const ns = "urn:pulumi:dev::p::kubernetes:core/v1:Namespace::ns";
            const state = (name: string, propertyDependencies: unknown) =>
                ({ op: "create", urn: `urn:pulumi:dev::p::kubernetes:core/v1:ConfigMap::${name}`, newState: { urn: `urn:pulumi:dev::p::kubernetes:core/v1:ConfigMap::${name}`, type: "kubernetes:core/v1:ConfigMap", inputs: {}, dependencies: [ns], propertyDependencies } });
            const f = path.join(dir, "preview.json");
            fs.writeFileSync(f, JSON.stringify({ steps: [state("a", { metadata: [ns], data: [] }), state("b", null), state("c", { metadata: "not a list", data: [42, ns] }), state("d", undefined)] }));
            const rs = await readInputs([f], DEFAULT_LIMITS);
            assert.deepStrictEqual(rs.map(r => r.propertyDependencies), [{ metadata: [ns], data: [] }, undefined, { data: [ns] }, undefined]);
        });
    });

    it("az aks show: properties under their REST names (enableRbac → enableRBAC), nulls absent, resource group kept", async () => {
        const [c] = await read(fixture("arm", "az-aks-show-insecure.json"));
        assert.strictEqual(c.type, "azure-native:containerservice:ManagedCluster");
        assert.strictEqual(c.props.enableRBAC, false);
        assert.ok(!("enableRbac" in c.props) && !("aadProfile" in c.props) && !("id" in c.props) && !("provisioningState" in c.props));
        assert.strictEqual(get(c.props, "agentPoolProfiles", 0, "enableNodePublicIP"), true);
        assert.deepStrictEqual(get(c.props, "apiServerAccessProfile", "authorizedIPRanges"), ["0.0.0.0/0"]);
        assert.strictEqual(get(c.props, "autoUpgradeProfile", "nodeOSUpgradeChannel"), "NodeImage");
        assert.deepStrictEqual([c.props.resourceName, c.props.resourceGroupName, c.props.location], ["shop", "rg-shop", "westeurope"]);
        assert.deepStrictEqual(c.props.sku, { name: "Base", tier: "Standard" });
        const [h] = await read(fixture("arm", "az-aks-show-hardened.json"));
        assert.strictEqual(get(h.props, "aadProfile", "enableAzureRBAC"), true);
    });

    it("ARM template: properties flattened, expressions unknown (parameters with a literal default resolved), child agentPools linked to their cluster", async () => {
        const [cluster, nested, top] = await read(fixture("arm", "template-insecure.json"));
        assert.strictEqual(cluster.props.enableRBAC, false);
        assert.strictEqual(cluster.props.location, UNKNOWN_STRING);
        assert.strictEqual(cluster.props.resourceName, "shop");
        assert.deepStrictEqual(cluster.props.identity, { type: "SystemAssigned" });
        assert.ok(!("properties" in cluster.props) && !("apiVersion" in cluster.props) && !("resources" in cluster.props));
        assert.strictEqual(nested.type, "azure-native:containerservice:AgentPool");
        assert.deepStrictEqual([nested.props.agentPoolName, nested.props.resourceName, nested.props.enableNodePublicIP], ["apps", "shop", true]);
        assert.deepStrictEqual(nested.dependencies, [`urn:pulumi:dev::aks-guard-check::azure-native:containerservice:ManagedCluster::${cluster.name}`]);
        // `[concat(parameters('clusterName'), '/batch')]`: a literal default, so the name is known.
        assert.strictEqual(top.props.agentPoolName, "batch");
    });

    it("ARM template: name segments in the type's name inputs, REST subresources flattened, scope and dependsOn as dependencies", async () => {
        const rs = await read(fixture("arm-modules", "edge-and-fleet.json"));
        const by = (name: string) => rs.find(r => r.name === name) as Located;
        assert.deepStrictEqual([by("vnet/nodes").props.virtualNetworkName, by("vnet/nodes").props.subnetName, by("vnet/nodes").props.addressPrefix], ["vnet", "nodes", "10.2.0.0/16"]);
        assert.deepStrictEqual(get(by("vnet").props, "subnets", 0), { name: "inline", addressPrefix: "10.1.0.0/16" });
        assert.strictEqual(get(by("classic").props, "frontendEndpoints", 0, "hostName"), "classic.azurefd.net");
        assert.deepStrictEqual([by("fleet/member-a").props.fleetName, by("fleet/member-a").props.fleetMemberName, by("fleet/member-a").props.clusterResourceId], ["fleet", "member-a", UNKNOWN_STRING]);
        assert.deepStrictEqual([by("afd/waf").props.profileName, by("afd/waf").props.securityPolicyName, get(by("afd/waf").props, "parameters", "type")], ["afd", "waf", "WebApplicationFirewall"]);
        assert.deepStrictEqual(by("afd/web").dependencies, ["urn:pulumi:dev::aks-guard-check::azure-native:cdn:Profile::afd"]);
        const [, , shop, diag, ext] = await read(fixture("arm-modules", "bicep-modules.json"));
        const shopUrn = "urn:pulumi:dev::aks-guard-check::azure-native:containerservice:ManagedCluster::shop";
        assert.deepStrictEqual([shop.props.resourceName, shop.props.enableRBAC], ["shop", false]);
        assert.deepStrictEqual([diag.props.resourceUri, diag.dependencies], [UNKNOWN_STRING, [shopUrn]]);
        assert.deepStrictEqual([ext.props.clusterName, ext.props.clusterRp, ext.props.clusterResourceName, ext.dependencies], ["shop", "Microsoft.ContainerService", "managedClusters", [shopUrn]]);
    });
});
