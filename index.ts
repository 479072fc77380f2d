// The aks-guard policy pack: what `pulumi preview --policy-pack` loads.
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, packArgs } from "./policies/pack";

new PolicyPack(PACK_NAME, packArgs);
