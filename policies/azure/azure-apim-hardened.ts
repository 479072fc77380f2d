// azure-apim-hardened
// API Management, the API gateway in front of the cluster's APIs
// (azure-native:apimanagement:ApiManagementService), is not an open door:
// - it sits in a virtual network (virtualNetworkType External or Internal; unset is None) or has
//   publicNetworkAccess Disabled;
// - no customProperties key turns a legacy protocol or cipher on for clients or backends:
//   `Microsoft.WindowsAzure.ApiManagement.Gateway.Security.[Backend.]Protocols.{Tls10,Tls11,Ssl30}`
//   and `...Security.Ciphers.TripleDes168` set to "true" (any case; a missing key is off, APIM's
//   default for services created since April 2018; keys compare case-insensitively);
// - apiVersionConstraint.minApiVersion is set, so that old control-plane API versions (which
//   lack newer restrictions) cannot be used against it.
// Enums compare case-insensitively; unknown values are deferred.
// The classic @pulumi/azure azure:apimanagement/service:Service is judged alike. Its provider docs
// name the settings differently: virtualNetworkType (None, External, Internal; defaults to None),
// publicNetworkAccessEnabled (defaults to true; false is publicNetworkAccess Disabled), minApiVersion
// (the minimum control-plane API version), and the `security` block's booleans, each of which
// "maps to" one of the customProperties keys above: frontendTls10Enabled, frontendTls11Enabled,
// frontendSsl30Enabled, backendTls10Enabled, backendTls11Enabled, backendSsl30Enabled (each
// defaults to false; also their deprecated enableFrontend*/enableBackend* spellings) and
// tripleDesCiphersEnabled (Ciphers.TripleDes168).
import { enumIn } from "../lib/azure";
import { azureResourcePolicy } from "../lib/azure-resource";
import { get, isObj, isTrue, sameIgnoringCase, UNKNOWN } from "../lib/values";

const PREFIX = "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.";
/** The customProperties keys that turn an insecure protocol or cipher on when "true" (APIM's documented settings). */
const LEGACY = ["Protocols.Tls10", "Protocols.Tls11", "Protocols.Ssl30", "Backend.Protocols.Tls10", "Backend.Protocols.Tls11", "Backend.Protocols.Ssl30", "Ciphers.TripleDes168"]
    .map(k => PREFIX + k);

export const apimHardened = azureResourcePolicy({
    name: "azure-apim-hardened",
    practice: "11.1",
    description: "API Management in front of AKS APIs must sit in a virtual network (or have public network access disabled), keep TLS 1.0/1.1, SSL 3.0 and triple-DES off, and set a minimum control-plane API version.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Set virtualNetworkType to \"Internal\" (or \"External\") with virtualNetworkConfiguration.subnetResourceId, or publicNetworkAccess: \"Disabled\" with a private endpoint; set every Microsoft.WindowsAzure.ApiManagement.Gateway.Security.*Protocols.Tls10/Tls11/Ssl30 and Ciphers.TripleDes168 customProperties key to \"false\" (or remove it); set apiVersionConstraint.minApiVersion (e.g. \"2021-08-01\"). Classic @pulumi/azure: virtualNetworkType with virtualNetworkConfiguration.subnetId, or publicNetworkAccessEnabled: false; the security block's frontend/backend Tls10, Tls11, Ssl30 and tripleDesCiphersEnabled flags false (or unset); minApiVersion.",
}, [["apimanagement", "ApiManagementService", "serviceName"]], (r, _cfg, report) => {
    const vnet = get(r.props, "virtualNetworkType");
    const access = get(r.props, "publicNetworkAccess");
    if (vnet !== UNKNOWN && access !== UNKNOWN && !enumIn(vnet, ["External", "Internal"]) && !sameIgnoringCase(access, "Disabled")) {
        report(`is reachable from the internet outside any virtual network: ${r.fields("virtualNetworkType").name} is not External or Internal and ${r.fields("publicNetworkAccess").name} is not ${r.classic ? "false" : "Disabled"}; put the gateway in a virtual network (Internal for private APIs) or disable public network access.`);
    }

    const custom = get(r.props, "customProperties");
    if (isObj(custom)) {
        for (const key of Object.keys(custom)) {
            const legacy = LEGACY.find(k => k.toLowerCase() === key.toLowerCase());
            if (legacy && isTrue(get(custom, key))) {
                const src = r.fields(`customProperties["${legacy}"]`);
                report(`${src.name} turns a legacy protocol or cipher on; ${src.fix ?? 'set it to "false" or remove it'}.`);
            }
        }
    }

    const constraint = get(r.props, "apiVersionConstraint");
    const min = get(constraint, "minApiVersion");
    if (constraint !== UNKNOWN && min !== UNKNOWN && !(typeof min === "string" && min !== "")) {
        report(`does not set ${r.fields("apiVersionConstraint.minApiVersion").name}, so clients may use old control-plane API versions; set it (e.g. "2021-08-01").`);
    }
});
