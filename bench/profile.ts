// A CPU profile of a pack process, which --cpu-prof cannot give: Node refuses it in NODE_OPTIONS,
// and the harness stops a pack with SIGTERM, before --cpu-prof would write. Preloaded into every
// process (`AKS_GUARD_PROFILE_DIR=/tmp/p NODE_OPTIONS="--require $PWD/dist/bench/profile.js"`, then
// any harness run), it profiles the pack processes (run-policy-pack) only, from start to SIGTERM,
// and writes `<dir>/<pid>.cpuprofile`, which Chrome's DevTools and VS Code open. The harness kills
// a pack that has not exited 5 s after SIGTERM, which a profile of a very long run can exceed.
// Not for timings: a profiler makes exceptions dearer.
import * as fs from "fs";
import * as inspector from "inspector";
import * as path from "path";

const dir = process.env.AKS_GUARD_PROFILE_DIR;
if (dir && process.argv.some(a => a.includes("run-policy-pack"))) {
    const session = new inspector.Session();
    session.connect();
    session.post("Profiler.enable", () => session.post("Profiler.start"));
    process.once("SIGTERM", () => session.post("Profiler.stop", (err, result) => {
        if (!err) {
            fs.mkdirSync(dir, { recursive: true });
            fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
        }
        process.exit(0);
    }));
}
