// acr-admin-user-disabled
// A container registry does not enable its admin user (adminUserEnabled is not true): the admin
// account is a shared username/password with push and pull rights on every repository. Pull with
// a managed identity (kubelet identity with AcrPull) instead. Missing means Azure's default (off).
import { azureResourcePolicy, isTrue } from "../lib/azure-resource";
import { get } from "../lib/values";

export const acrAdminUserDisabled = azureResourcePolicy({
    name: "acr-admin-user-disabled",
    practice: "3",
    description: "Container registries must not enable the admin user (a shared password with push and pull rights).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Set adminUserEnabled: false on the registry and grant AcrPull to the cluster's kubelet identity (and AcrPush to CI identities) instead.",
}, [["containerregistry", "Registry", "registryName"]], (acr, _cfg, report) => {
    if (isTrue(get(acr.props, "adminUserEnabled"))) {
        report(`${acr.fields("adminUserEnabled").name} is true; set it to false and pull with a managed identity (AcrPull role) instead.`);
    }
});
