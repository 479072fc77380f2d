// Imported first by main.ts: the SDK modules the in-process path never uses load only if used
// (harness/lazy-sdk.ts); --engine loads them as before.
import { deferSdkModules } from "../harness/lazy-sdk";

deferSdkModules();
