// `npm run stage:publish [-- DIR]`: the folder to run `pulumi policy publish <org>` in (default
// publish/): exactly the package `npm pack` makes (the published manifest without
// devDependencies, see publish-manifest.cjs), unpacked, with no scripts left in its manifest.
// Why: `pulumi policy publish` runs `npm pack --loglevel=error` in the folder and takes the whole
// of its stdout as the tarball's name (pulumi/pulumi#6594). npm 8 (Node 16 and early Node 18)
// prints every lifecycle script's banner on stdout unless --silent, which Pulumi does not pass, so
// publishing the clone itself fails there; a folder without scripts prints the name alone with
// every npm. (npm 10 and later print nothing for the clone's scripts: its .npmrc turns
// foreground-scripts off.)
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.resolve(__dirname, "..");
const out = path.resolve(process.argv[2] || path.join(root, "publish"));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aks-guard-stage-"));
try {
    const [info] = JSON.parse(execFileSync(npm, ["pack", "--json", "--loglevel=error", "--pack-destination", tmp], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }));
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(out, { recursive: true });
    execFileSync("tar", ["xzf", path.join(tmp, info.filename), "-C", out, "--strip-components=1"]);
    const manifest = path.join(out, "package.json");
    const pkg = JSON.parse(fs.readFileSync(manifest, "utf8"));
    delete pkg.scripts;
    fs.writeFileSync(manifest, JSON.stringify(pkg, null, 2) + "\n");
    console.log(`staged for pulumi policy publish: ${path.relative(process.cwd(), out) || "."}`);
} finally {
    fs.rmSync(tmp, { recursive: true, force: true });
}
