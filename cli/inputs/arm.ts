// AKS in Azure's own JSON: `az aks show -o json` / `az aks nodepool show` (properties at the top
// level, with the Azure CLI's spelling such as `enableRbac`), ARM resources (`properties.*`) and
// ARM templates' `Microsoft.ContainerService/managedClusters` and `.../agentPools` resources.
// Each becomes the inputs of azure-native's ManagedCluster or AgentPool: properties flattened to
// the top level under their REST names, with identity, sku, location and tags kept. A template
// expression (`[parameters('x')]`) is not known before deployment, so it is sent as unknown.
import { UNKNOWN_STRING, urnOf } from "../../harness";
import { isObj, Obj } from "../../policies/lib/values";
import { Doc, Path } from "./documents";
import { Located } from "./resource";

const CLUSTER = "microsoft.containerservice/managedclusters";
const POOL = "microsoft.containerservice/managedclusters/agentpools";
const TOKENS: Record<string, string> = {
    [CLUSTER]: "azure-native:containerservice:ManagedCluster",
    [POOL]: "azure-native:containerservice:AgentPool",
};

const typeOf = (v: unknown) => (isObj(v) && typeof v.type === "string" ? v.type.toLowerCase() : "");
export const isAksResource = (v: unknown): boolean => typeOf(v) in TOKENS;
export const isArmTemplate = (v: unknown): boolean =>
    isObj(v) && (Array.isArray(v.resources) || isObj(v.resources)) && (typeof v.$schema === "string" && /deploymentTemplate/i.test(v.$schema) || "contentVersion" in v);

/** The Azure CLI's attribute spelling → the REST API's (which azure-native inputs use). */
const CLI_NAMES: Record<string, string> = {
    enableRbac: "enableRBAC", enableAzureRbac: "enableAzureRBAC", authorizedIpRanges: "authorizedIPRanges",
    enableNodePublicIp: "enableNodePublicIP", nodePublicIpPrefixId: "nodePublicIPPrefixID", vnetSubnetId: "vnetSubnetID",
    podSubnetId: "podSubnetID", enableFips: "enableFIPS", osDiskSizeGb: "osDiskSizeGB", enableUltraSsd: "enableUltraSSD",
    privateFqdn: "privateFQDN", azurePortalFqdn: "azurePortalFQDN", enablePrivateClusterPublicFqdn: "enablePrivateClusterPublicFQDN",
    serverAppId: "serverAppID", clientAppId: "clientAppID", adminGroupObjectIds: "adminGroupObjectIDs",
    dnsServiceIp: "dnsServiceIP", issuerUrl: "issuerURL", proximityPlacementGroupId: "proximityPlacementGroupID",
    hostGroupId: "hostGroupID", capacityReservationGroupId: "capacityReservationGroupID", nodeOsUpgradeChannel: "nodeOSUpgradeChannel",
};
/** Read-only or identifying fields of a shown resource, not inputs. */
const NOT_INPUTS = new Set(["id", "name", "type", "resourceGroup", "provisioningState", "powerState", "systemData", "etag", "apiVersion", "dependsOn", "condition", "copy", "comments", "resources"]);

/** `[...]` is an ARM template expression; `[[...` is a literal starting with `[`. */
const isExpression = (v: string) => v.startsWith("[") && v.endsWith("]") && !v.startsWith("[[");

function convert(v: unknown, renameKeys: boolean, template: boolean): unknown {
    if (typeof v === "string") return template && isExpression(v) ? UNKNOWN_STRING : v;
    if (Array.isArray(v)) return v.map(x => convert(x, renameKeys, template));
    if (!isObj(v)) return v;
    const out: Obj = {};
    // null is how Azure shows a setting that is not set: an input that is absent.
    for (const [k, x] of Object.entries(v)) if (x !== null) out[renameKeys ? CLI_NAMES[k] ?? k : k] = convert(x, renameKeys, template);
    return out;
}

/** `.../resourceGroups/<rg>/...` → rg. */
const groupOf = (id: unknown) => (typeof id === "string" ? /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] : undefined);

function toInputs(r: Obj, template: boolean): Obj {
    const pool = typeOf(r) === POOL;
    const fromCli = !isObj(r.properties);
    const props: Obj = {};
    for (const [k, v] of Object.entries(r)) if (!NOT_INPUTS.has(k) && k !== "properties") props[k] = v;
    if (!fromCli) Object.assign(props, r.properties);
    const out = convert(props, fromCli, template) as Obj;
    const name = typeof r.name === "string" ? r.name : "";
    const rg = typeof r.resourceGroup === "string" ? r.resourceGroup : groupOf(r.id);
    if (rg) out.resourceGroupName = rg;
    const known = (s: string) => (template && isExpression(s) ? UNKNOWN_STRING : s);
    if (pool) {
        // `cluster/pool`; a whole-name expression (`[concat(...)]`) leaves both unknown.
        const parts = template && isExpression(name) ? [UNKNOWN_STRING, UNKNOWN_STRING] : name.split("/").map(known);
        out.agentPoolName = parts[parts.length - 1];
        const cluster = parts.length > 1 ? parts[0] : /managedClusters\/([^/]+)/i.exec(String(r.id ?? ""))?.[1];
        if (cluster) out.resourceName = cluster;
    } else if (name) {
        out.resourceName = known(name);
    }
    return out;
}

function located(r: Obj, path: Path, doc: Doc, file: string, template: boolean): Located {
    const type = TOKENS[typeOf(r)];
    const name = typeof r.name === "string" && r.name ? r.name : type.slice(type.lastIndexOf(":") + 1);
    return { type, name, props: toInputs(r, template), file, line: path.length ? doc.lineOf(path) : doc.line };
}

/** An `az aks show` / ARM resource object, or an array of them (`az aks list`). */
export function fromArmResources(doc: Doc, file: string): Located[] {
    const v = doc.value;
    if (Array.isArray(v)) return v.flatMap((r, i) => (isAksResource(r) ? [located(r as Obj, [i], doc, file, false)] : []));
    return [located(v as Obj, [], doc, file, false)];
}

/** The AKS resources of an ARM template, nested child resources included; other types are skipped. */
export function fromArmTemplate(doc: Doc, file: string): Located[] {
    const out: Located[] = [];
    const walk = (resources: unknown, path: Path, parent?: Obj) => {
        const entries = Array.isArray(resources) ? resources.map((r, i) => [i, r] as const) : isObj(resources) ? Object.entries(resources) : [];
        for (const [key, r] of entries) {
            if (!isObj(r)) continue;
            let res = r;
            // A nested child (`"type": "agentPools"` inside its cluster) has a short type and name.
            if (parent && typeof r.type === "string" && !r.type.includes("/")) {
                res = { ...r, type: `${parent.type}/${r.type}`, name: `${parent.name}/${r.name}` };
            }
            if (isAksResource(res)) {
                const l = located(res, [...path, key], doc, file, true);
                // A nested pool depends on its cluster, as the engine would record it.
                if (res !== r && parent && isAksResource(parent)) l.dependencies = [urnOf(TOKENS[typeOf(parent)], String(parent.name))];
                out.push(l);
            }
            if (r.resources) walk(r.resources, [...path, key, "resources"], res);
        }
    };
    walk((doc.value as Obj).resources, ["resources"]);
    // A top-level pool names its cluster in `cluster/pool`: link it to that cluster of the template.
    const clusters = new Map(out.filter(r => r.type === TOKENS[CLUSTER]).map(r => [r.name, r]));
    for (const r of out) {
        const cluster = clusters.get(r.name.slice(0, Math.max(0, r.name.lastIndexOf("/"))));
        if (r.type === TOKENS[POOL] && !r.dependencies && cluster) r.dependencies = [urnOf(cluster.type, cluster.name)];
    }
    return out;
}
