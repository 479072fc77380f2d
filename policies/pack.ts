// The pack as @pulumi/policy registers it: its name and arguments. index.ts serves them to the
// Pulumi engine; `aks-guard check` evaluates the same object in process (harness/inprocess.ts).
import type { PolicyPackArgs } from "@pulumi/policy";
import { policies } from "./catalog";

export const PACK_NAME = "aks-guard";

export const packArgs: PolicyPackArgs = {
    description: "Stops insecure AKS clusters and Kubernetes workloads: the twelve AKS hardening practices as policies.",
    policies,
};
