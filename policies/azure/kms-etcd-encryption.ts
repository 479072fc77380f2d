// aks-kms-etcd-encryption
// A cluster encrypts Kubernetes secrets in etcd with a customer key in Azure Key Vault
// (securityProfile.azureKeyVaultKms.enabled: true).
import { clusterNotOn, clusterPolicy } from "../lib/azure";

export const kmsEtcdEncryption = clusterPolicy({
    name: "aks-kms-etcd-encryption",
    practice: "extra",
    description: "AKS clusters should encrypt secrets in etcd with a Key Vault key (KMS).",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Set securityProfile.azureKeyVaultKms: { enabled: true, keyId: <Key Vault key id>, keyVaultNetworkAccess: \"Private\", keyVaultResourceId: <vault id> } on the ManagedCluster.",
}, (cluster, _cfg, report) => {
    const why = clusterNotOn(cluster, ["securityProfile", "azureKeyVaultKms", "enabled"]);
    if (why) report(`${why} with a Key Vault key (${cluster.fields("securityProfile.azureKeyVaultKms.keyId").name.split(".").pop()}).`);
});
