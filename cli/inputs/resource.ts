// What every reader produces: a resource as the engine would send it, and where it came from.
import { ResourceInput } from "../../harness";

export interface Located extends ResourceInput {
    /** The input file ("<stdin>" for `-`). */
    file: string;
    /** 1-based line of the object's start, where known. */
    line?: number;
}
