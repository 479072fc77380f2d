// YAML decoding alone: the command line's decoder (go-yaml v2's rules over the `yaml` package's
// failsafe composition, cli/inputs/documents.ts) against the `yaml` package's own YAML 1.2
// decoding it replaced (Composer with unique keys, then toJS), on the 10,000 ConfigMaps of the
// memory bench; and js-yaml's loadAll as the speed reference issue 19 measured (4-9x faster than
// `yaml`): it gives no line per object and resolves scalars by its own schema, not go-yaml v2's, so
// it is a reference, not a decoder the command could use as is. CPU time of the best of three
// rounds, in one process.
import { loadAll } from "js-yaml";
import { Composer, Parser } from "yaml";
import { documents } from "../cli/inputs/documents";
import { DEFAULT_LIMITS } from "../cli/limits";
import { configMaps } from "./memory";
import { BenchRow } from "./report";

function cpuMs(f: () => number): { ms: number; docs: number } {
    const t0 = process.cpuUsage();
    const docs = f();
    const t = process.cpuUsage(t0);
    return { ms: (t.user + t.system) / 1000, docs };
}

export async function yamlBench(count = 10000): Promise<BenchRow[]> {
    const text = configMaps(count);
    const decoder = () => [...documents(text, "bench.yaml", DEFAULT_LIMITS)].length;
    const yaml12 = () => {
        const composer = new Composer({ prettyErrors: false, uniqueKeys: true });
        let n = 0;
        for (const doc of composer.compose(new Parser().parse(text))) if (doc.toJS({ maxAliasCount: 100 }) !== null) n++;
        return n;
    };
    const jsYaml = () => loadAll(text).filter(d => d !== null).length;
    const best = (f: () => number) => [0, 1, 2].map(() => cpuMs(f)).reduce((a, b) => (b.ms < a.ms ? b : a));
    const ours = best(decoder), before = best(yaml12), reference = best(jsYaml);
    if (ours.docs !== count || before.docs !== count || reference.docs !== count) throw new Error(`decoded ${ours.docs}, ${before.docs} and ${reference.docs} documents of ${count}`);
    return [
        { name: `YAML decoding: Kubernetes' rules vs the yaml package's YAML 1.2 decoding, ${count} ConfigMaps`, value: ours.ms, unit: "ms CPU", ratio: ours.ms / before.ms },
        { name: `YAML decoding: Kubernetes' rules vs js-yaml's loadAll (no lines, its own schema), ${count} ConfigMaps`, value: ours.ms, unit: "ms CPU", ratio: ours.ms / reference.ms },
    ];
}
