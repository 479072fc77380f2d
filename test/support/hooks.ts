// Root hooks: the shared pack process is stopped once every spec has run. Under --parallel a
// root afterAll runs after each file, so a worker keeps its pack process for its next file and
// stops it when it exits (test/support/util.ts).
import { closeSession } from "./util";

export const mochaHooks = {
    async afterAll() {
        if (process.env.MOCHA_WORKER_ID === undefined) await closeSession();
    },
};
