// The aks-guard policy pack: what `pulumi preview --policy-pack` loads.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies/catalog";

new PolicyPack("aks-guard", {
    description: "Stops insecure AKS clusters and Kubernetes workloads: the twelve AKS hardening practices as policies.",
    policies,
});
