// After tsc (npm run build): the pack's GetAnalyzerInfo answer, computed once by the SDK, so that
// `aks-guard check` does not build and decode it in protobuf on every run. harness/inprocess.ts
// uses it only when its fingerprint matches the pack it loads (test/lazy-sdk.spec.ts
// compares it with the live computation).
import * as path from "path";
import { writePrecomputedInfo } from "../harness/inprocess";

const file = writePrecomputedInfo(path.resolve(__dirname, "..", ".."));
console.log(`analyzer info: ${path.relative(process.cwd(), file)}`);
