// The aks-guard policy pack: what `pulumi preview --policy-pack` loads (as dist/pack.js, this
// module and the ones it imports bundled into one file by tools/bundle.ts).
import { PolicyPack } from "@pulumi/policy";
import { hookConfigureStack } from "./policies/configure-stack";
import { PACK_NAME, packArgs } from "./policies/pack";

hookConfigureStack();
new PolicyPack(PACK_NAME, packArgs);
