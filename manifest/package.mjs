#!/usr/bin/env node
// Builds the Teams app package for an environment:
//   npm --prefix manifest ci && npm --prefix manifest run package -- --env dev
// Values come from manifest/env/<env>.json, each overridable by WR_TEAMS_APP_ID, WR_ENTRA_CLIENT_ID, WR_HOST_NAME,
// WR_VERSION, WR_ENV_SUFFIX. Exits 1 naming every field that fails validation; on success the last line printed is
// the zip's path (manifest/build/<env>/workplace-resilience-<env>.zip).
import { parseArgs } from "node:util";
import { relative } from "node:path";
import { buildPackage, PackageError } from "./lib.mjs";

let args;
try {
  args = parseArgs({ options: { env: { type: "string" }, "out-dir": { type: "string" }, template: { type: "string" } } }).values;
} catch (e) {
  console.error(`usage: npm --prefix manifest run package -- --env <dev|prod> [--out-dir DIR] [--template FILE]\n${e.message}`);
  process.exit(2);
}
if (!args.env) {
  console.error("usage: npm --prefix manifest run package -- --env <dev|prod> [--out-dir DIR] [--template FILE]");
  process.exit(2);
}

try {
  const { zip, manifest } = await buildPackage(args.env, { outDir: args["out-dir"], templateFile: args.template });
  console.log(`valid against the Teams schema v${manifest.manifestVersion} and the package rules: ${manifest.name.short} ${manifest.version} (app id ${manifest.id}, host ${manifest.validDomains.join(", ")})`);
  console.log(zip);
} catch (e) {
  if (!(e instanceof PackageError)) throw e;
  console.error(`the ${args.env} app package is not valid:`);
  for (const p of e.problems) console.error(`  ${p.path}: ${p.message}`);
  process.exit(1);
}
