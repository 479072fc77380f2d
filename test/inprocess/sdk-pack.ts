// A small policy pack that exercises every SDK semantic point the in-process evaluator must match
// (text and object-form reports, unknown values before and after a report, notApplicable, levels,
// remediation threading with secrets, config defaults, validation arrays, __pulumiType filters,
// stack parents and dependencies, exceptions), written as a package both paths can load: the
// engine path runs it with run-policy-pack, the in-process path requires dist/policies/pack.js.
import * as fs from "fs";
import * as path from "path";
import { PACK_DIR } from "../../harness";

const packJs = (writer: boolean) => String.raw`const WRITER = ${writer};
const { Secret } = require("@pulumi/policy");
const show = v => JSON.stringify(v);
const policies = [
    {
        name: "text-report", description: "Text reports.", enforcementLevel: "mandatory", severity: "high",
        validateResource: (args, report) => {
            if (args.type === "test:index:Quiet") return;
            report("plain " + args.name);
            report("");
            report("with urn", args.urn);
            report("opts " + show(args.opts) + " provider " + show(args.provider ? { type: args.provider.type, name: args.provider.name, urn: args.provider.urn } : null));
        },
    },
    {
        name: "object-report", description: "Object reports.", severity: "low",
        validateResource: (args, report) => {
            if (args.type !== "test:index:Thing") return;
            report({ message: "object message", severity: "critical", enforcementLevel: "mandatory" });
            report({ description: "only a description" });
            report({ name: "renamed-policy", message: "renamed", urn: args.urn });
        },
    },
    {
        name: "props-shape", description: "What the policy sees.", enforcementLevel: "advisory",
        validateResource: (args, report) => {
            if (args.type === "test:index:Quiet") return;
            report("keys " + show(Object.keys(args.props)) + " props " + show(args.props));
        },
    },
    {
        name: "unknown-reader", description: "Reads through the proxy.", enforcementLevel: "mandatory", severity: "medium",
        validateResource: (args, report) => {
            report("before the unknown");
            const spec = args.props.spec;
            report("spec is " + typeof spec);
            report("deep " + show(spec && spec.template && spec.template.replicas));
        },
    },
    {
        name: "not-applicable", description: "Never applies.", enforcementLevel: "mandatory",
        validateResource: args => args.notApplicable("not for " + args.type),
    },
    {
        name: "disabled-by-default", description: "Off.", enforcementLevel: "disabled",
        validateResource: (args, report) => report("must not appear"),
    },
    {
        name: "configured", description: "Config.", enforcementLevel: "advisory",
        configSchema: { properties: { zeta: { type: "string", default: "z" }, alpha: { type: "array", items: { type: "string" }, default: ["b", "a"] }, n: { type: "integer" } } },
        validateResource: (args, report) => report("config " + show(args.getConfig())),
    },
    {
        name: "two-validations", description: "Array of validations.", enforcementLevel: "mandatory",
        validateResource: [
            (args, report) => report("first " + args.name),
            (args, report) => { if (args.props.fail === true) args.notApplicable(); report("second " + args.name); },
        ],
    },
    {
        name: "typed", description: "Only Things.", enforcementLevel: "mandatory",
        validateResource: Object.assign((args, report) => report("typed " + args.type), { __pulumiType: "test:index:Thing" }),
    },
    {
        name: "add-label", description: "Adds a label.",
        remediateResource: args => {
            if (args.type !== "test:index:Thing") return undefined;
            const p = args.props;
            p.labels = Object.assign({}, p.labels, { added: "yes" });
            if (p.password !== undefined) p.password = p.password + "!";
            return p;
        },
        validateResource: (args, report) => { if (args.props.labels && args.props.labels.added !== "yes") report("label missing"); },
    },
    {
        name: "see-remediated", description: "Sees the previous remediation.",
        remediateResource: args => {
            if (args.type !== "test:index:Thing") return undefined;
            const p = args.props;
            if (p.labels && p.labels.added === "yes") return Object.assign({}, p, { seen: true, secretNew: new Secret("s3"), nan: NaN, extra: { b: 1, a: [undefined, 2] } });
            return undefined;
        },
    },
    {
        name: "remediate-unknown", description: "Remediation meeting an unknown.",
        remediateResource: args => { if (args.type === "test:index:Thing") { const s = args.props.spec; if (s) void s.template; } return undefined; },
    },
    {
        name: "stack-view", description: "The stack as a stack policy sees it.", enforcementLevel: "mandatory",
        validateStack: (args, report) => {
            for (const r of args.resources) {
                report(r.name + " parent " + (r.parent ? r.parent.name : "-") + " deps " + show(r.dependencies.map(d => d.name)) + " pdeps " + show(r.propertyDependencies) + " provider " + show(r.provider ? r.provider.name : null) + " props " + show(r.props), r.urn);
            }
        },
    },
    {
        name: "stack-unknown", description: "A stack policy meeting an unknown.", enforcementLevel: "advisory",
        validateStack: (args, report) => {
            report("stack before");
            for (const r of args.resources) if (r.props.spec) void r.props.spec.template;
            report("stack after");
        },
    },
    {
        name: "thrower", description: "Throws on Boom.", enforcementLevel: "mandatory",
        validateResource: args => { if (args.type === "test:index:Boom") throw new Error("boom " + args.name); },
    },
];
if (WRITER) policies.push({
    name: "stack-writer", description: "Writes to what it judges.", enforcementLevel: "mandatory",
    validateStack: args => { for (const r of args.resources) if (r.props.metadata) r.props.metadata.name = "changed"; },
});
exports.PACK_NAME = "sdk-semantics";
exports.packArgs = { policies };
`;

/**
 * Writes the pack into a new folder under the package (so @pulumi/policy resolves); returns it.
 * `writer` adds a stack policy that writes to the resources it judges.
 */
export function writeSdkPack(writer = false): string {
    const base = path.join(PACK_DIR, "dist", "test", "tmp");
    fs.mkdirSync(base, { recursive: true });
    const dir = fs.mkdtempSync(path.join(base, "sdk-pack-"));
    fs.mkdirSync(path.join(dir, "dist", "policies"), { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "sdk-semantics", version: "1.2.3", main: "index.js" }));
    fs.writeFileSync(path.join(dir, "dist", "policies", "pack.js"), packJs(writer));
    fs.writeFileSync(path.join(dir, "index.js"), `const { PolicyPack } = require("@pulumi/policy");\nconst { PACK_NAME, packArgs } = require("./dist/policies/pack.js");\nnew PolicyPack(PACK_NAME, packArgs);\n`);
    return dir;
}
