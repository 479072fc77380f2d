// Azure's own JSON: `az aks show -o json` / `az aks nodepool show` and other `az ... show` output
// (properties at the top level, with the Azure CLI's spelling such as `enableRbac`), ARM resources
// (`properties.*`) and ARM templates. Each resource of a type the pack judges becomes the inputs of
// its azure-native type (ARM_TYPES): `properties` flattened to the top level under their REST names,
// with identity, sku, location and tags kept, and the name's segments in the type's name inputs.
//
// Templates: resources of nested `Microsoft.Resources/deployments` (`properties.template`, what
// `az bicep build` emits for modules) and child resources (`resources` arrays of parents, short
// types) are read too. A template expression (`"[...]"`) is a value not known before deployment,
// so it is sent as the engine's unknown, unless it is made only of literals, parameters() with a
// literal defaultValue (or value passed to a nested template) and variables() with a literal value,
// combined by the functions arm-expressions.ts evaluates.
// A `properties` that is one unknown expression makes every input of the type unknown.
import { UNKNOWN_STRING, urnOf } from "../../harness/protocol";
import { evaluate, isExpression, isLiteral, Scope } from "./arm-expressions";
import { ARM_INPUTS } from "./arm-shapes";
import { isObj, Obj } from "../../policies/lib/values";
import { Doc, Path } from "./documents";
import { Located } from "./resource";

/** ARM type (lower case) → azure-native token, and the inputs that take the name's segments (parents first). */
const ARM_TYPES: Record<string, { token: string; names: string[] }> = {
    "microsoft.containerservice/managedclusters": { token: "azure-native:containerservice:ManagedCluster", names: ["resourceName"] },
    "microsoft.containerservice/managedclusters/agentpools": { token: "azure-native:containerservice:AgentPool", names: ["resourceName", "agentPoolName"] },
    "microsoft.containerregistry/registries": { token: "azure-native:containerregistry:Registry", names: ["registryName"] },
    "microsoft.insights/diagnosticsettings": { token: "azure-native:monitor:DiagnosticSetting", names: ["name"] },
    "microsoft.kubernetesconfiguration/extensions": { token: "azure-native:kubernetesconfiguration:Extension", names: ["extensionName"] },
    "microsoft.security/pricings": { token: "azure-native:security:Pricing", names: ["pricingName"] },
    "microsoft.network/applicationgateways": { token: "azure-native:network:ApplicationGateway", names: ["applicationGatewayName"] },
    "microsoft.network/applicationgatewaywebapplicationfirewallpolicies": { token: "azure-native:network:WebApplicationFirewallPolicy", names: ["policyName"] },
    "microsoft.network/frontdoors": { token: "azure-native:frontdoor:FrontDoor", names: ["frontDoorName"] },
    "microsoft.network/frontdoorwebapplicationfirewallpolicies": { token: "azure-native:frontdoor:Policy", names: ["policyName"] },
    "microsoft.cdn/profiles": { token: "azure-native:cdn:Profile", names: ["profileName"] },
    "microsoft.cdn/profiles/afdendpoints": { token: "azure-native:cdn:AFDEndpoint", names: ["profileName", "endpointName"] },
    "microsoft.cdn/profiles/securitypolicies": { token: "azure-native:cdn:SecurityPolicy", names: ["profileName", "securityPolicyName"] },
    "microsoft.apimanagement/service": { token: "azure-native:apimanagement:ApiManagementService", names: ["serviceName"] },
    "microsoft.containerservice/fleets": { token: "azure-native:containerservice:Fleet", names: ["fleetName"] },
    "microsoft.containerservice/fleets/members": { token: "azure-native:containerservice:FleetMember", names: ["fleetName", "fleetMemberName"] },
    "microsoft.network/virtualnetworks": { token: "azure-native:network:VirtualNetwork", names: ["virtualNetworkName"] },
    "microsoft.network/virtualnetworks/subnets": { token: "azure-native:network:Subnet", names: ["virtualNetworkName", "subnetName"] },
    "microsoft.kubernetes/connectedclusters": { token: "azure-native:kubernetes:ConnectedCluster", names: ["clusterName"] },
};
const CLUSTER = "microsoft.containerservice/managedclusters";
const DEPLOYMENT = "microsoft.resources/deployments";
/** `<parent type>/providers/Microsoft.Insights/diagnosticSettings`: the older way to scope a setting to its resource. */
const NESTED_DIAGNOSTICS = /^(.+)\/providers\/microsoft\.insights\/diagnosticsettings$/;

const typeOf = (v: unknown) => (isObj(v) && typeof v.type === "string" ? v.type.toLowerCase() : "");
const armTypeOf = (v: unknown) => {
    const t = typeOf(v);
    return NESTED_DIAGNOSTICS.test(t) ? "microsoft.insights/diagnosticsettings" : t;
};
/** An ARM resource (or `az ... show` output) of a type the pack judges. */
export const isArmResource = (v: unknown): boolean => armTypeOf(v) in ARM_TYPES;
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
/** Read-only or identifying fields of a shown resource or template entry, not inputs. */
const NOT_INPUTS = new Set(["id", "name", "type", "resourceGroup", "provisioningState", "powerState", "systemData", "etag", "apiVersion",
    "dependsOn", "condition", "copy", "comments", "resources", "scope", "properties", "metadata"]);

const NO_SCOPE: Scope = { parameters: {}, variables: {} };

/** An expression's value when it is known before deployment (arm-expressions.ts); undefined: unknown. */
const resolve = evaluate;

/** A template value as an input: expressions resolved or unknown, `[[` unescaped, nulls absent, subresources' properties flattened. */
function convert(v: unknown, renameKeys: boolean, scope: Scope | undefined): unknown {
    if (typeof v === "string") {
        if (!scope) return v;
        if (isExpression(v)) {
            const r = resolve(v, scope);
            return r ? convert(r.value, renameKeys, scope) : UNKNOWN_STRING;
        }
        return v.startsWith("[[") ? v.slice(1) : v;
    }
    if (Array.isArray(v)) return v.map(x => convert(x, renameKeys, scope));
    if (!isObj(v)) return v;
    const out: Obj = {};
    // null is how Azure shows a setting that is not set: an input that is absent.
    for (const [k, x] of Object.entries(v)) if (x !== null) out[renameKeys ? CLI_NAMES[k] ?? k : k] = convert(x, renameKeys, scope);
    return out;
}

/**
 * A subresource written the REST way (`{name, properties: {...}}` inside an array: subnets,
 * frontend endpoints, gateway listeners) has its properties flattened, as azure-native's inputs
 * take them (x-ms-client-flatten).
 */
function flattenSubresources(v: unknown): unknown {
    if (Array.isArray(v)) {
        return v.map(x => {
            if (isObj(x) && isObj(x.properties) && ("name" in x || "id" in x)) {
                const { properties, ...rest } = x;
                return flattenSubresources({ ...rest, ...properties });
            }
            return flattenSubresources(x);
        });
    }
    if (!isObj(v)) return v;
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) out[k] = flattenSubresources(x);
    return out;
}

/** `.../resourceGroups/<rg>/...` → rg. */
const groupOf = (id: unknown) => (typeof id === "string" ? /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] : undefined);

/** A template string as the text it will have: resolved, else UNKNOWN_STRING. */
function textOf(s: string, scope: Scope | undefined): string {
    const v = convert(s, false, scope);
    return typeof v === "string" ? v : UNKNOWN_STRING;
}

/** The name's segments (`cluster/pool`), each resolved or unknown; a whole-name expression that does not resolve leaves every segment unknown. */
function segmentsOf(name: unknown, count: number, scope: Scope | undefined): string[] {
    if (typeof name !== "string") return [];
    if (scope && isExpression(name)) {
        const text = textOf(name, scope);
        return text === UNKNOWN_STRING ? Array(count).fill(UNKNOWN_STRING) : text.split("/");
    }
    return name.split("/").map(seg => textOf(seg, scope));
}

function toInputs(r: Obj, scope: Scope | undefined): Obj {
    const armType = armTypeOf(r);
    const { token, names } = ARM_TYPES[armType];
    const fromCli = !("properties" in r);
    const props: Obj = {};
    for (const [k, v] of Object.entries(r)) if (!NOT_INPUTS.has(k)) props[k] = v;
    let whole: unknown = r.properties;
    if (typeof whole === "string" && scope && isExpression(whole)) whole = resolve(whole, scope)?.value ?? UNKNOWN_STRING;
    if (isObj(whole)) Object.assign(props, whole);
    const out = flattenSubresources(convert(props, fromCli && armType.startsWith(CLUSTER), scope)) as Obj;
    if (whole === UNKNOWN_STRING) {
        // `"properties": "[variables('clusterProps')]"`: every input is unknown until deployment, none absent.
        for (const input of ARM_INPUTS[token] ?? []) if (!(input in out)) out[input] = UNKNOWN_STRING;
    }
    const rg = typeof r.resourceGroup === "string" ? r.resourceGroup : groupOf(r.id);
    if (rg) out.resourceGroupName = rg;
    // The name's segments, parents first (`fleet/member`); nested diagnostics: `<resource>/Microsoft.Insights/<setting>`.
    const nested = NESTED_DIAGNOSTICS.exec(typeOf(r));
    const segs = segmentsOf(r.name, nested ? 3 : names.length, scope);
    if (nested) {
        if (segs.length) out.name = segs[segs.length - 1];
    } else if (segs.length) {
        const last = segs.slice(-names.length);
        names.forEach((input, i) => { if (last[i] !== undefined && last[i] !== "") out[input] = last[i]; });
        if (segs.length < names.length && r.id) {
            // `az ... show` gives the child's own name only: the parents' names are in its id.
            const parts = String(r.id).split("/");
            names.slice(0, names.length - segs.length).forEach((input, i) => {
                const seg = armType.split("/").slice(1)[i];
                const at = parts.findIndex(p => p.toLowerCase() === seg);
                if (at >= 0 && parts[at + 1]) out[input] = parts[at + 1];
            });
            out[names[names.length - 1]] = segs[segs.length - 1];
        }
    }
    return out;
}

/** An `az ... show` / ARM resource object, or an array of them (`az aks list`). */
export function fromArmResources(doc: Doc, file: string): Located[] {
    const v = doc.value;
    const one = (r: Obj, path: Path): Located => {
        const { token } = ARM_TYPES[armTypeOf(r)];
        const name = typeof r.name === "string" && r.name ? r.name : token.slice(token.lastIndexOf(":") + 1);
        return { type: token, name, props: toInputs(r, undefined), file, line: path.length ? doc.lineOf(path) : doc.line };
    };
    if (Array.isArray(v)) return v.flatMap((r, i) => (isArmResource(r) ? [one(r as Obj, [i])] : []));
    return [one(v as Obj, [])];
}

/** A template resource found, before its dependencies are resolved. */
interface Found {
    located: Located;
    /** Lower-case full type and resolved name (or name expression): how dependsOn and scope refer to it. */
    key: string;
    symbolic?: string;
    refs: string[];
    /** The resource an extension resource is deployed on (its `scope`). */
    scopeRef?: string;
    scope: Scope;
}

/** The parameters and variables of a template that resolve to literals, given the values a deployment passes. */
function scopeOf(template: Obj, passed: Obj | undefined, outer: Scope): Scope {
    const parameters: Obj = {};
    if (isObj(template.parameters)) {
        for (const [k, p] of Object.entries(template.parameters)) {
            const given = isObj(passed) ? passed[k] : undefined;
            if (isObj(given) && "value" in given) {
                const v = typeof given.value === "string" && isExpression(given.value) ? resolve(given.value, outer) : { value: given.value };
                if (v && isLiteral(v.value)) parameters[k] = v.value;
            } else if (isObj(p) && "defaultValue" in p && isLiteral(p.defaultValue)) {
                parameters[k] = p.defaultValue;
            }
        }
    }
    const variables: Obj = {};
    if (isObj(template.variables)) for (const [k, v] of Object.entries(template.variables)) if (k !== "copy" && isLiteral(v)) variables[k] = v;
    return { parameters, variables };
}

/** The arguments of `fn(...)` at the top level of an expression's text, split on commas outside quotes and parentheses. */
function argsOf(text: string): string[] {
    const out: string[] = [];
    let depth = 0, quoted = false, cur = "";
    for (const ch of text) {
        if (ch === "'") quoted = !quoted;
        if (!quoted && ch === "(") depth++;
        if (!quoted && ch === ")") depth--;
        if (!quoted && depth === 0 && ch === ",") { out.push(cur.trim()); cur = ""; continue; }
        cur += ch;
    }
    if (cur.trim()) out.push(cur.trim());
    return out;
}

/** One argument of an expression as text: a quoted literal, a resolvable parameter/variable, else its expression text. */
function argText(arg: string, scope: Scope): string {
    const lit = /^'((?:[^']|'')*)'$/.exec(arg);
    if (lit) return lit[1].replace(/''/g, "'");
    const r = resolve(`[${arg}]`, scope);
    return r && typeof r.value === "string" ? r.value : `[${arg}]`;
}

/** `[resourceId(..., 'Type', name...)]`, `[format('Type/{0}', name)]` or `Type/name` → `type|name`, the key a resource is found by. */
function refKey(ref: string, scope: Scope): string | undefined {
    if (!isExpression(ref)) {
        // `Namespace.Provider/type/name[/type/name]`: types at odd places, names at even ones.
        const parts = ref.replace(/^\/?providers\//i, "").split("/");
        if (parts.length < 3) return undefined;
        const type = parts.filter((_, i) => i === 0 || i % 2 === 1).join("/");
        const name = parts.filter((_, i) => i > 0 && i % 2 === 0).join("/");
        return `${type.toLowerCase()}|${name}`;
    }
    const inner = ref.slice(1, -1).trim();
    const call = /^(resourceId|extensionResourceId|format)\(([\s\S]*)\)$/.exec(inner);
    if (!call) {
        const r = resolve(ref, scope);
        return r && typeof r.value === "string" ? refKey(r.value, scope) : undefined;
    }
    const args = argsOf(call[2]).map(a => argText(a, scope));
    if (call[1] === "format") {
        const fmt = args[0].replace(/\{(\d+)\}/g, (_, i) => args[Number(i) + 1] ?? "");
        return refKey(fmt, scope);
    }
    const at = args.findIndex(a => /^[A-Za-z]+\.[A-Za-z.]+\/[A-Za-z/]+$/.test(a));
    return at < 0 ? undefined : `${args[at].toLowerCase()}|${args.slice(at + 1).join("/")}`;
}

/**
 * The resources of an ARM template, nested deployments' inline templates and child resources
 * included, each linked to what it depends on (dependsOn, and the resource its `scope` names); types
 * the pack does not judge are skipped.
 */
export function fromArmTemplate(doc: Doc, file: string): Located[] {
    const found: Found[] = [];
    const walkTemplate = (template: Obj, path: Path, scope: Scope) => {
        walk(template.resources, [...path, "resources"], scope, undefined);
    };
    const walk = (resources: unknown, path: Path, scope: Scope, parent: { type: string; name: string; key: string } | undefined) => {
        const entries = Array.isArray(resources) ? resources.map((r, i) => [i, r] as const) : isObj(resources) ? Object.entries(resources) : [];
        for (const [key, r] of entries) {
            // `"existing": true` (Bicep's `existing`) refers to a resource deployed elsewhere: not declared here.
            if (!isObj(r) || r.condition === false || r.existing === true) continue;
            let res = r;
            // A nested child (`"type": "agentPools"` inside its cluster) has a short type and name.
            if (parent && typeof r.type === "string" && !r.type.includes("/")) {
                res = { ...r, type: `${parent.type}/${r.type}`, name: `${parent.name}/${r.name}` };
            }
            const here = [...path, key];
            const type = typeOf(res);
            const segs = segmentsOf(res.name, 1, scope);
            // Known: its resolved name; else its name as written, which dependsOn and resourceId() repeat.
            const resName = segs.length && !segs.includes(UNKNOWN_STRING) ? segs.join("/") : String(res.name ?? "");
            const resKey = `${type}|${resName}`;
            if (isArmResource(res)) {
                const { token } = ARM_TYPES[armTypeOf(res)];
                const name = resName || token.slice(token.lastIndexOf(":") + 1);
                const located: Located = { type: token, name, props: toInputs(res, scope), file, line: doc.lineOf(here) ?? doc.line };
                const refs = Array.isArray(r.dependsOn) ? r.dependsOn.filter((d): d is string => typeof d === "string") : [];
                const scopeRef = typeof r.scope === "string" ? r.scope : undefined;
                if (scopeRef) refs.push(scopeRef);
                if (parent) refs.push(`parent:${parent.key}`);
                const diag = NESTED_DIAGNOSTICS.exec(type);
                if (diag && segs.length) refs.push(`${diag[1]}/${segs[0]}`);
                found.push({ located, key: resKey, symbolic: typeof key === "string" ? key : undefined, refs, scope, scopeRef });
            }
            if (type === DEPLOYMENT && isObj(r.properties) && isObj(r.properties.template)) {
                const p = r.properties;
                const inner = isObj(p.expressionEvaluationOptions) && String(p.expressionEvaluationOptions.scope).toLowerCase() === "inner";
                // Inner scope: the nested template's own parameters (given values, else defaults); outer: the parent's.
                walkTemplate(p.template as Obj, [...here, "properties", "template"], inner ? scopeOf(p.template as Obj, isObj(p.parameters) ? p.parameters : undefined, scope) : scope);
            }
            if (r.resources) walk(r.resources, [...here, "resources"], scope, { type: String(res.type), name: String(res.name), key: resKey });
        }
    };
    const template = doc.value as Obj;
    walkTemplate(template, [], scopeOf(template, undefined, NO_SCOPE));
    link(found);
    return found.map(f => f.located);
}

/** Dependencies from dependsOn, scope and nesting, as the engine records them: the URNs of the resources referred to. */
function link(found: Found[]): void {
    const byKey = new Map<string, Found>();
    const bySymbol = new Map<string, Found>();
    const byName = new Map<string, Found[]>();
    for (const f of found) {
        byKey.set(f.key, f);
        if (f.symbolic) bySymbol.set(f.symbolic, f);
        const name = f.key.slice(f.key.indexOf("|") + 1);
        byName.set(name, [...byName.get(name) ?? [], f]);
    }
    for (const f of found) {
        const deps = new Set<string>();
        for (const ref of f.refs) {
            const target = ref.startsWith("parent:") ? byKey.get(ref.slice(7))
                : bySymbol.get(ref) ?? byKey.get(refKey(ref, f.scope) ?? "") ?? (byName.get(ref)?.length === 1 ? byName.get(ref)![0] : undefined);
            if (target && target !== f) deps.add(urnOf(target.located.type, target.located.name));
        }
        // A child named `parent/child` at the top level belongs to that parent of the template.
        const [type, name] = [f.key.slice(0, f.key.indexOf("|")), f.key.slice(f.key.indexOf("|") + 1)];
        if (name.includes("/") && !name.startsWith("[")) {
            const parent = byKey.get(`${type.slice(0, type.lastIndexOf("/"))}|${name.slice(0, name.lastIndexOf("/"))}`);
            if (parent) deps.add(urnOf(parent.located.type, parent.located.name));
        }
        if (deps.size) f.located.dependencies = [...deps];
        // A setting or extension scoped to a cluster names it, as its azure-native inputs do.
        scopeInputs(f.located, f.scopeRef ? refKey(f.scopeRef, f.scope) : undefined);
    }
}

/** Inputs an extension resource takes from the resource its `scope` names. */
function scopeInputs(r: Located, scopedKey: string | undefined): void {
    const [type, name] = scopedKey ? [scopedKey.slice(0, scopedKey.indexOf("|")), scopedKey.slice(scopedKey.indexOf("|") + 1)] : [undefined, undefined];
    const known = (s: string | undefined) => (s && !s.startsWith("[") ? s : UNKNOWN_STRING);
    if (r.type === "azure-native:kubernetesconfiguration:Extension") {
        r.props.clusterName ??= known(name);
        r.props.clusterRp ??= type === CLUSTER ? "Microsoft.ContainerService" : type ? "Microsoft.Kubernetes" : UNKNOWN_STRING;
        r.props.clusterResourceName ??= type === CLUSTER ? "managedClusters" : type ? "connectedClusters" : UNKNOWN_STRING;
    } else if (r.type === "azure-native:monitor:DiagnosticSetting") {
        // The id is only known once deployed; the dependency on the resource tells which it is.
        r.props.resourceUri ??= UNKNOWN_STRING;
    } else if (r.type === "azure-native:security:Pricing") {
        r.props.scopeId ??= UNKNOWN_STRING; // the subscription deployed to
    }
}
