// `npm pack` / `npm publish` hooks: the published package.json carries no devDependencies.
// Why: @pulumi/pulumi declares TypeScript as an optional peer, so a TypeScript listed in our
// devDependencies would be installed by `npm install --omit=dev` (23 MB that nothing runs).
// prepack saves the manifest beside it and strips it; postpack puts the saved one back.
const fs = require("fs");
const manifest = "package.json";
const saved = "package.json.pack-backup";

if (process.argv[2] === "strip") {
    if (fs.existsSync(saved)) throw new Error(`${saved} exists: an earlier pack was interrupted; move it back to ${manifest} first`);
    const text = fs.readFileSync(manifest, "utf8");
    fs.writeFileSync(saved, text);
    const pkg = JSON.parse(text);
    delete pkg.devDependencies;
    fs.writeFileSync(manifest, JSON.stringify(pkg, null, 2) + "\n");
} else if (process.argv[2] === "restore") {
    if (fs.existsSync(saved)) fs.renameSync(saved, manifest);
} else {
    throw new Error("usage: publish-manifest.cjs strip|restore");
}
