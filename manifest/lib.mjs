// Fills the Teams manifest template for an environment, validates it offline and writes the app package.
// The command-line entry point is package.mjs; tests call these functions directly.
import { readFileSync, existsSync, mkdirSync, createWriteStream } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv04 from "ajv-draft-04";
import Ajv2020 from "ajv/dist/2020.js";
import Ajv07 from "ajv";
import addFormats from "ajv-formats";
import { PNG } from "pngjs";
import yazl from "yazl";

export const HERE = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** The placeholders the template may use; each can be overridden by the environment variable WR_<NAME>. */
export const PLACEHOLDERS = ["TEAMS_APP_ID", "ENTRA_CLIENT_ID", "HOST_NAME", "VERSION", "ENV_SUFFIX"];

/** Pixel sizes Teams requires, by key under `icons`. */
export const ICON_SIZES = { color: 192, outline: 32, color32x32: 32 };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

export class PackageError extends Error {
  /** @param {{path: string, message: string}[]} problems */
  constructor(problems) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
    this.problems = problems;
  }
}

/** `$.a.b[0].c` from a list of keys and indexes. */
export function jsonPath(parts) {
  return "$" + parts.map((p) => (typeof p === "number" ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `["${p}"]`)).join("");
}

/** Calls visit(value, pathParts) for every string in a JSON value. */
function eachString(value, visit, parts = []) {
  if (typeof value === "string") visit(value, parts);
  else if (Array.isArray(value)) value.forEach((v, i) => eachString(v, visit, [...parts, i]));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) eachString(v, visit, [...parts, k]);
}

/**
 * The values for an environment: manifest/env/<env>.json, each overridden by WR_<NAME> when that variable is set
 * and not empty. Keys starting with `$` are comments. A null value stays unfilled (validation names the field).
 */
export function loadValues(envName, { envDir = join(HERE, "env"), environment = process.env } = {}) {
  if (!/^[a-z0-9-]+$/i.test(envName ?? "")) throw new PackageError([{ path: "--env", message: `expected an environment name such as dev or prod, got "${envName ?? ""}"` }]);
  const file = join(envDir, `${envName}.json`);
  if (!existsSync(file)) throw new PackageError([{ path: "--env", message: `no environment file ${file}` }]);
  let values;
  try {
    values = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new PackageError([{ path: file, message: `not valid JSON: ${e.message}` }]);
  }
  const result = {};
  for (const [key, value] of Object.entries(values)) if (!key.startsWith("$") && value !== null) result[key] = String(value);
  for (const name of PLACEHOLDERS) {
    const override = environment[`WR_${name}`];
    if (override !== undefined && override !== "") result[name] = override;
  }
  return result;
}

/** Replaces {{NAME}} in every string of the parsed template; placeholders without a value are left as they are. */
export function fill(template, values) {
  const walk = (v) => {
    if (typeof v === "string") return v.replace(PLACEHOLDER, (whole, name) => (Object.hasOwn(values, name) ? values[name] : whole));
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(template);
}

/** The official schema file for the manifest's version, from the @microsoft/app-manifest package (no network). */
export function schemaFor(manifest) {
  const fromUrl = /\/teams\/(v[\w.]+)\/MicrosoftTeams\.schema\.json$/.exec(manifest?.$schema ?? "")?.[1];
  const version = fromUrl ?? (manifest?.manifestVersion ? `v${manifest.manifestVersion}` : null);
  if (!version) throw new PackageError([{ path: "$.$schema", message: "names no Teams schema version (and manifestVersion is missing)" }]);
  if (fromUrl && manifest.manifestVersion && fromUrl !== `v${manifest.manifestVersion}`)
    throw new PackageError([{ path: "$.manifestVersion", message: `is ${manifest.manifestVersion} but $schema names ${fromUrl}` }]);
  const root = dirname(require.resolve("@microsoft/app-manifest/package.json"));
  const file = join(root, "build", "json-schemas", "teams", version, "MicrosoftTeams.schema.json");
  if (!existsSync(file)) throw new PackageError([{ path: "$.$schema", message: `@microsoft/app-manifest ships no schema ${version}` }]);
  return { version, file, schema: JSON.parse(readFileSync(file, "utf8")) };
}

/** The newest Teams schema version the installed @microsoft/app-manifest ships, e.g. "1.30". */
export function newestSchemaVersion() {
  const root = dirname(require.resolve("@microsoft/app-manifest/package.json"));
  const { readdirSync } = require("node:fs");
  return readdirSync(join(root, "build", "json-schemas", "teams"))
    .filter((d) => /^v\d+\.\d+$/.test(d))
    .map((d) => d.slice(1))
    .sort((a, b) => a.split(".").map(Number).reduce((acc, n, i) => acc || n - b.split(".").map(Number)[i], 0))
    .at(-1);
}

const validators = new Map();
function compile(schema, file, options = {}) {
  if (validators.has(file)) return validators.get(file);
  const meta = schema.$schema ?? "";
  const Ajv = meta.includes("draft-04") ? Ajv04 : meta.includes("2020-12") ? Ajv2020 : Ajv07;
  const ajv = new Ajv({ allErrors: true, strict: false, ...options });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  validators.set(file, validate);
  return validate;
}

/** Schema errors as {path, message}, the path naming the offending field (a missing one included). */
export function schemaProblems(manifest) {
  const { schema, file, version } = schemaFor(manifest);
  const validate = compile(schema, file);
  if (validate(manifest)) return [];
  const seen = new Set();
  const problems = [];
  for (const e of validate.errors) {
    const parts = e.instancePath.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~")).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    let message = e.message;
    if (e.keyword === "required") { parts.push(e.params.missingProperty); message = "is required"; }
    else if (e.keyword === "additionalProperties") { parts.push(e.params.additionalProperty); message = `is not a property schema ${version} allows here`; }
    else if (e.keyword === "enum") message += `: ${e.params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
    else if (e.keyword === "pattern" && e.params.pattern.includes("[0-9a-fA-F]{8}")) message = "must be a GUID";
    const line = `${jsonPath(parts)}: ${message} (schema ${version})`;
    if (seen.has(line)) continue;
    seen.add(line);
    problems.push({ path: jsonPath(parts), message: `${message} (schema ${version})` });
  }
  return problems;
}

function hostMatches(host, domain) {
  host = host.toLowerCase();
  domain = domain.toLowerCase().replace(/^https?:\/\//, "").replace(/\/.*$/, "");
  if (domain.startsWith("*.")) return host.endsWith(domain.slice(1)) && host.length > domain.length - 1;
  return host === domain;
}

/** PNG size and whether every pixel is white or fully transparent; problems name the icon's JSON path. */
export function iconProblems(manifest, iconDir) {
  const problems = [];
  for (const [key, file] of Object.entries(manifest.icons ?? {})) {
    const path = jsonPath(["icons", key]);
    if (typeof file !== "string") continue;
    const full = resolve(iconDir, file);
    if (!existsSync(full)) { problems.push({ path, message: `file ${file} does not exist in ${iconDir}` }); continue; }
    let png;
    try {
      png = PNG.sync.read(readFileSync(full));
    } catch (e) {
      problems.push({ path, message: `${file} is not a PNG (${e.message})` });
      continue;
    }
    const size = ICON_SIZES[key];
    if (size && (png.width !== size || png.height !== size))
      problems.push({ path, message: `${file} is ${png.width}×${png.height}; Teams requires ${size}×${size}` });
    if (key === "outline") {
      let bad = 0, first = null;
      for (let i = 0; i < png.data.length; i += 4) {
        const [r, g, b, a] = png.data.subarray(i, i + 4);
        if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) {
          bad++;
          first ??= { x: (i / 4) % png.width, y: Math.floor(i / 4 / png.width), rgba: [r, g, b, a] };
        }
      }
      if (bad) problems.push({ path, message: `${file} must be white on a transparent background; ${bad} pixel(s) are neither, the first at (${first.x}, ${first.y}) rgba(${first.rgba.join(", ")})` });
    }
  }
  return problems;
}

/** The rules the schema cannot express. */
export function ruleProblems(manifest) {
  const problems = [];
  const add = (parts, message) => problems.push({ path: jsonPath(parts), message });

  eachString(manifest, (value, parts) => {
    const left = [...value.matchAll(PLACEHOLDER)].map((m) => m[1]);
    if (left.length) add(parts, `unfilled placeholder ${left.map((n) => `{{${n}}}`).join(", ")} (give ${left.map((n) => `WR_${n}`).join(", ")} or a value in the environment file)`);
    else if (/^http:\/\//i.test(value)) add(parts, `must be an https URL, not ${value}`);
    else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !/^(https|api):\/\//i.test(value)) add(parts, `URL scheme not allowed: ${value}`);
  });

  for (const parts of [["id"], ["webApplicationInfo", "id"]]) {
    const value = parts.reduce((o, k) => o?.[k], manifest);
    if (value === undefined || String(value).includes("{{")) continue;
    if (typeof value !== "string" || !GUID.test(value)) add(parts, `must be a GUID, got ${JSON.stringify(value)}`);
    else if (/^[0-]+$/.test(value)) add(parts, "must not be the all-zero GUID");
  }

  if (typeof manifest.version === "string" && !manifest.version.includes("{{") && !SEMVER.test(manifest.version))
    add(["version"], `must be a semantic version MAJOR.MINOR.PATCH, got "${manifest.version}"`);

  const sso = manifest.webApplicationInfo;
  if (sso?.resource && sso?.id && !String(sso.resource).includes("{{") && !String(sso.id).includes("{{") && !(sso.resource.startsWith("api://") && sso.resource.endsWith(`/${sso.id}`)))
    add(["webApplicationInfo", "resource"], `must be api://<host>/${sso.id} (the Entra app's Application ID URI)`);

  const domains = (manifest.validDomains ?? []).filter((d) => typeof d === "string");
  const checkHost = (parts, url) => {
    if (typeof url !== "string" || url.includes("{{")) return;
    let host;
    try { host = new URL(url).hostname; } catch { add(parts, `is not a URL: ${url}`); return; }
    if (!domains.some((d) => hostMatches(host, d))) add(parts, `host ${host} is not listed in validDomains`);
  };
  (manifest.staticTabs ?? []).forEach((tab, i) => {
    for (const key of ["contentUrl", "websiteUrl", "searchUrl"]) if (tab?.[key] !== undefined) checkHost(["staticTabs", i, key], tab[key]);
  });
  (manifest.configurableTabs ?? []).forEach((tab, i) => {
    if (tab?.configurationUrl !== undefined) checkHost(["configurableTabs", i, "configurationUrl"], tab.configurationUrl);
  });

  // The Outlook add-in: its pages and icons are served by the same host, and every ribbon command runs a declared action.
  (manifest.extensions ?? []).forEach((extension, e) => {
    const actions = new Set();
    (extension?.runtimes ?? []).forEach((runtime, r) => {
      for (const key of ["page", "script"]) if (runtime?.code?.[key] !== undefined) checkHost(["extensions", e, "runtimes", r, "code", key], runtime.code[key]);
      for (const action of runtime?.actions ?? []) actions.add(action?.id);
    });
    (extension?.ribbons ?? []).forEach((ribbon, b) => {
      (ribbon?.tabs ?? []).forEach((tab, t) => {
        (tab?.groups ?? []).forEach((group, g) => {
          const groupPath = ["extensions", e, "ribbons", b, "tabs", t, "groups", g];
          (group?.icons ?? []).forEach((icon, i) => checkHost([...groupPath, "icons", i, "url"], icon?.url));
          (group?.controls ?? []).forEach((control, c) => {
            const controlPath = [...groupPath, "controls", c];
            (control?.icons ?? []).forEach((icon, i) => checkHost([...controlPath, "icons", i, "url"], icon?.url));
            const commands = control?.type === "menu" ? (control.items ?? []).map((item, i) => [[...controlPath, "items", i, "actionId"], item?.actionId]) : [[[...controlPath, "actionId"], control?.actionId]];
            for (const [path, actionId] of commands)
              if (!actions.has(actionId)) add(path, `names no action declared in extensions[${e}].runtimes[].actions: ${JSON.stringify(actionId)}`);
          });
        });
      });
    });
  });

  const entityIds = new Map();
  (manifest.staticTabs ?? []).forEach((tab, i) => {
    if (entityIds.has(tab?.entityId)) add(["staticTabs", i, "entityId"], `repeats "${tab.entityId}" of staticTabs[${entityIds.get(tab.entityId)}]`);
    else entityIds.set(tab?.entityId, i);
  });
  return problems;
}

/** The official localization schema (the language files' format) of the manifest's schema version. */
function localizationSchemaFor(manifest) {
  const { version, file } = schemaFor(manifest);
  const localizationFile = join(dirname(file), "MicrosoftTeams.Localization.schema.json");
  if (!existsSync(localizationFile)) throw new PackageError([{ path: "$.localizationInfo", message: `@microsoft/app-manifest ships no localization schema ${version}` }]);
  return { version, file: localizationFile, schema: JSON.parse(readFileSync(localizationFile, "utf8")) };
}

/** "extensions[0].ribbons[0].label" → ["extensions", 0, "ribbons", 0, "label"]. */
function keyParts(key) {
  return (key.match(/[^.[\]]+|\[\d+\]/g) ?? []).map((p) => (p.startsWith("[") ? Number(p.slice(1, -1)) : p));
}

const placeholdersIn = (text) => [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(",");

/**
 * Problems with one filled language file of `localizationInfo.additionalLanguages`: its schema, then that every key
 * names a text the manifest has (a typo would silently fall back to English) with the same {parameters}, e.g. the
 * activity's templateText.
 */
export function languageProblems(manifest, fileName, strings) {
  const at = (key) => `${fileName}: ${key}`;
  const problems = [];
  const { schema, file, version } = localizationSchemaFor(manifest);
  // Its key patterns are written for JavaScript's non-Unicode regular expressions ("\\b]" is a lone bracket in Unicode mode).
  const validateFile = compile(schema, file, { unicodeRegExp: false });
  if (!validateFile(strings))
    for (const e of validateFile.errors) {
      const key = e.keyword === "additionalProperties" ? e.params.additionalProperty : e.keyword === "required" ? e.params.missingProperty : e.instancePath.slice(1).replace(/~1/g, "/");
      problems.push({ path: at(key || "$"), message: `${e.keyword === "additionalProperties" ? `is not a key schema ${version} allows` : e.keyword === "required" ? "is required" : e.message} (localization schema ${version})` });
    }
  for (const [key, text] of Object.entries(strings)) {
    if (key === "$schema" || key === "localizationKeys") continue;
    if (typeof text === "string" && PLACEHOLDER.test(text)) problems.push({ path: at(key), message: "has an unfilled placeholder" });
    PLACEHOLDER.lastIndex = 0;
    const original = keyParts(key).reduce((o, k) => o?.[k], manifest);
    if (typeof original !== "string") { problems.push({ path: at(key), message: "names no text in the manifest" }); continue; }
    if (placeholdersIn(original) !== placeholdersIn(text))
      problems.push({ path: at(key), message: `has the parameters {${placeholdersIn(text)}} but the manifest's text has {${placeholdersIn(original)}}` });
  }
  return problems;
}

/** The manifest's additional language files, filled, as [fileName, strings]; a file that is missing or not JSON is a problem. */
function loadLanguages(manifest, languageDir, values, given = {}) {
  const languages = [];
  const problems = [];
  (manifest.localizationInfo?.additionalLanguages ?? []).forEach((language, i) => {
    const name = language?.file;
    const path = jsonPath(["localizationInfo", "additionalLanguages", i, "file"]);
    if (typeof name !== "string" || !/^[\w.-]+\.json$/.test(name)) { problems.push({ path, message: "must be a .json file name at the package's root" }); return; }
    if (given[name]) { languages.push([name, fill(given[name], values)]); return; }
    const full = join(languageDir, name);
    if (!existsSync(full)) { problems.push({ path, message: `file ${name} does not exist in ${languageDir}` }); return; }
    try {
      languages.push([name, fill(JSON.parse(readFileSync(full, "utf8")), values)]);
    } catch (e) {
      problems.push({ path, message: `${name} is not valid JSON: ${e.message}` });
    }
  });
  return { languages, problems };
}

/** Every problem with a filled manifest: schema, then the extra rules, then the icons. */
export function validate(manifest, iconDir = HERE) {
  let problems;
  try {
    problems = schemaProblems(manifest);
  } catch (e) {
    if (e instanceof PackageError) problems = e.problems;
    else throw e;
  }
  const rules = ruleProblems(manifest);
  // A field still holding {{NAME}} is reported once, as unfilled, not again for the format the schema wants.
  const unfilled = new Set(rules.filter((p) => p.message.startsWith("unfilled placeholder")).map((p) => p.path));
  return [...problems.filter((p) => !unfilled.has(p.path)), ...rules, ...iconProblems(manifest, iconDir)];
}

/** Writes a zip holding manifest.json and the icons at its root; fixed timestamps, so equal inputs give equal bytes. */
function writeZip(outFile, entries) {
  const mtime = new Date("2000-01-01T00:00:00Z");
  return new Promise((ok, fail) => {
    const zip = new yazl.ZipFile();
    for (const [name, buffer] of entries) zip.addBuffer(buffer, name, { mtime, mode: 0o100644 });
    zip.outputStream.pipe(createWriteStream(outFile)).on("close", ok).on("error", fail);
    zip.end();
  });
}

/**
 * Fills, validates and zips. Returns {zip, manifest}; throws PackageError listing every problem.
 * Options (for tests): template (object or file), iconDir, outDir, values (instead of the environment file).
 */
export async function buildPackage(envName, options = {}) {
  const templateFile = options.templateFile ?? join(HERE, "manifest.template.json");
  const template = options.template ?? JSON.parse(readFileSync(templateFile, "utf8"));
  const values = options.values ?? loadValues(envName, options);
  const host = values.HOST_NAME;
  if (host !== undefined && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i.test(host))
    throw new PackageError([{ path: "HOST_NAME", message: `must be a bare host name such as wr.contoso.com (no scheme, port or path), got "${host}" (WR_HOST_NAME or the environment file)` }]);
  const manifest = fill(template, values);
  const iconDir = options.iconDir ?? HERE;
  const { languages, problems: languageFileProblems } = loadLanguages(manifest, options.languageDir ?? dirname(templateFile), values, options.languages);
  const problems = [...validate(manifest, iconDir), ...languageFileProblems];
  if (!problems.some((p) => p.message.includes("ships no schema")))
    for (const [name, strings] of languages) problems.push(...languageProblems(manifest, name, strings));
  if (problems.length) throw new PackageError(problems);

  const outDir = options.outDir ?? join(HERE, "build", envName);
  mkdirSync(outDir, { recursive: true });
  const zip = join(outDir, `workplace-resilience-${envName}.zip`);
  const icons = [...new Set(Object.values(manifest.icons))].map((f) => [f, readFileSync(resolve(iconDir, f))]);
  const languageEntries = languages.map(([name, strings]) => [name, Buffer.from(JSON.stringify(strings, null, 2) + "\n")]);
  await writeZip(zip, [["manifest.json", Buffer.from(JSON.stringify(manifest, null, 2) + "\n")], ...icons, ...languageEntries]);
  return { zip, manifest, languages: Object.fromEntries(languages) };
}
