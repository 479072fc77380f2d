// acr-anonymous-pull-disabled
// A container registry does not allow anonymous (unauthenticated) pulls: anonymousPullEnabled is
// not true, whatever the SKU. Missing means Azure's default (off).
import { azureResourcePolicy, isTrue } from "../lib/azure-resource";
import { get } from "../lib/values";

export const acrAnonymousPullDisabled = azureResourcePolicy({
    name: "acr-anonymous-pull-disabled",
    practice: "3",
    description: "Container registries must not allow anonymous (unauthenticated) pulls.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Set anonymousPullEnabled: false on the registry; give pullers an identity with the AcrPull role.",
}, [["containerregistry", "Registry", "registryName"]], (acr, _cfg, report) => {
    if (isTrue(get(acr.props, "anonymousPullEnabled"))) {
        report(`${acr.fields("anonymousPullEnabled").name} is true; set it to false so that every pull is authenticated (AcrPull role).`);
    }
});
