// Root hooks: the shared pack process is stopped once every spec has run.
import { closeSession } from "./util";

export const mochaHooks = {
    async afterAll() {
        await closeSession();
    },
};
