// What every reader produces: a resource as the engine would send it, and where it came from.
import { ResourceInput } from "../../harness";

export interface Located extends ResourceInput {
    /** The input file ("<stdin>" for `-`). */
    file: string;
    /** 1-based line of the object's start, where known. */
    line?: number;
    /**
     * The reader may have left values unknown (an ARM expression it cannot evaluate, a preview's
     * computed outputs, an encrypted secret): the check then runs as a preview (dryRun true). Every
     * other literal, even one equal to the unknown sentinel, is data.
     */
    unknowns?: boolean;
}
