// The app package: the dev package builds and holds exactly the manifest and two icons; broken manifests fail
// naming the field; the manifest's activity type is the one the service sends.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { PNG } from "pngjs";
import yauzl from "yauzl";
import { HERE, buildPackage, loadValues, newestSchemaVersion, PackageError } from "../lib.mjs";
import { ADDIN_ICON_DIR, ADDIN_ICON_SIZES, addinIcon, colorIcon, outlineIcon } from "../icons.mjs";

const ROOT = join(HERE, "..");
const template = () => JSON.parse(readFileSync(join(HERE, "manifest.template.json"), "utf8"));
const devValues = () => loadValues("dev", { environment: {} });
const tmp = () => mkdtempSync(join(tmpdir(), "wr-package-"));

/** Entries of a zip as {name: Buffer}. */
function unzip(file) {
  return new Promise((ok, fail) => {
    const entries = {};
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return fail(err);
      zip.on("entry", (entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) return fail(e);
          const chunks = [];
          stream.on("data", (c) => chunks.push(c)).on("end", () => { entries[entry.fileName] = Buffer.concat(chunks); zip.readEntry(); });
        });
      });
      zip.on("end", () => ok(entries)).on("error", fail);
      zip.readEntry();
    });
  });
}

/** Builds with the given template (and icons) and returns the problems; fails the test when it builds. */
async function problemsOf(templateObject, { iconDir, values = devValues(), languages } = {}) {
  const outDir = tmp();
  try {
    await buildPackage("dev", { template: templateObject, values, iconDir, outDir, languages });
  } catch (e) {
    if (e instanceof PackageError) return e.problems;
    throw e;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  assert.fail("the broken manifest was packaged");
}

function assertNames(problems, path, pattern) {
  const hit = problems.find((p) => p.path === path);
  assert.ok(hit, `expected a problem at ${path}, got:\n${problems.map((p) => `${p.path}: ${p.message}`).join("\n")}`);
  if (pattern) assert.match(hit.message, pattern);
}

function iconDirWith(name, png) {
  const dir = tmp();
  writeFileSync(join(dir, "color.png"), readFileSync(join(HERE, "color.png")));
  writeFileSync(join(dir, "outline.png"), readFileSync(join(HERE, "outline.png")));
  writeFileSync(join(dir, name), png);
  return dir;
}

function solidPng(size, [r, g, b, a]) {
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([r, g, b, a], i);
  return PNG.sync.write(png);
}

describe("the dev package", () => {
  test("builds and the zip holds exactly manifest.json, color.png (192×192), outline.png (32×32) and the German texts", async () => {
    const outDir = tmp();
    const { zip, manifest } = await buildPackage("dev", { outDir, values: devValues() });
    assert.equal(zip, join(outDir, "workplace-resilience-dev.zip"));
    const entries = await unzip(zip);
    assert.deepEqual(Object.keys(entries).sort(), ["color.png", "de.json", "manifest.json", "outline.png"]);
    assert.doesNotMatch(entries["de.json"].toString("utf8"), /\{\{/);
    const inZip = JSON.parse(entries["manifest.json"].toString("utf8"));
    assert.deepEqual(inZip, manifest);
    assert.equal(inZip.validDomains[0], "wr-dev.azurewebsites.net");
    assert.doesNotMatch(entries["manifest.json"].toString("utf8"), /\{\{/);
    const color = PNG.sync.read(entries["color.png"]);
    const outline = PNG.sync.read(entries["outline.png"]);
    assert.deepEqual([color.width, color.height, outline.width, outline.height], [192, 192, 32, 32]);
    rmSync(outDir, { recursive: true, force: true });
  });

  test("uses the newest schema version @microsoft/app-manifest ships (at least 1.17)", () => {
    const t = template();
    const newest = newestSchemaVersion();
    assert.equal(t.manifestVersion, newest);
    assert.ok(Number(newest.split(".")[1]) >= 17 && newest.startsWith("1."), newest);
    assert.equal(t.$schema, `https://developer.microsoft.com/json-schemas/teams/v${newest}/MicrosoftTeams.schema.json`);
  });

  test("declares the Today, My week and HR tabs, SSO, resource-specific consent and the privacy and terms pages", async () => {
    const outDir = tmp();
    const { manifest } = await buildPackage("dev", { outDir, values: devValues() });
    rmSync(outDir, { recursive: true, force: true });
    const tabs = Object.fromEntries(manifest.staticTabs.filter((t) => t.contentUrl).map((t) => [t.name, t.contentUrl]));
    assert.deepEqual(tabs, {
      Today: "https://wr-dev.azurewebsites.net/?inTeams=1",
      "My week": "https://wr-dev.azurewebsites.net/week?inTeams=1",
      "HR dashboard": "https://wr-dev.azurewebsites.net/hr?inTeams=1",
    });
    for (const t of manifest.staticTabs) assert.deepEqual(t.scopes, ["personal"]);
    assert.equal(manifest.webApplicationInfo.id, "00000000-0000-4000-8000-00000000d002");
    assert.equal(manifest.webApplicationInfo.resource, "api://wr-dev.azurewebsites.net/00000000-0000-4000-8000-00000000d002");
    assert.deepEqual(manifest.authorization.permissions.resourceSpecific, [
      { name: "TeamsActivity.Send.User", type: "Application" },
      { name: "MailboxItem.ReadWrite.User", type: "Delegated" }, // the Outlook add-in changes the meeting being organised
    ]);
    assert.equal(manifest.developer.privacyUrl, "https://wr-dev.azurewebsites.net/privacy");
    assert.equal(manifest.developer.termsOfUseUrl, "https://wr-dev.azurewebsites.net/terms");
    assert.equal(typeof manifest.showLoadingIndicator, "boolean");
  });

  test("the personal tabs also run in Outlook and the Microsoft 365 app: what those hosts need is declared", async () => {
    const outDir = tmp();
    const { manifest } = await buildPackage("dev", { outDir, values: devValues() });
    rmSync(outDir, { recursive: true, force: true });
    // Personal tabs of a manifest of 1.13 or later are offered in Outlook and the Microsoft 365 app too.
    const [major, minor] = manifest.manifestVersion.split(".").map(Number);
    assert.ok(major > 1 || minor >= 13, manifest.manifestVersion);
    const pages = manifest.staticTabs.filter((t) => t.contentUrl);
    assert.deepEqual(pages.map((t) => t.entityId), ["today", "week", "hr"]); // the tab's in-host navigation opens these ids
    for (const tab of pages) {
      assert.deepEqual([tab.scopes, tab.context], [["personal"], ["personalTab"]]);
      assert.ok(manifest.validDomains.includes(new URL(tab.contentUrl).hostname));
    }
    // SSO works the same in every host: the tab's token is for webApplicationInfo's resource, and the Entra app
    // pre-authorises Outlook's and the Microsoft 365 app's clients as well as Teams'.
    assert.equal(manifest.webApplicationInfo.resource, `api://wr-dev.azurewebsites.net/${manifest.webApplicationInfo.id}`);
    const registration = JSON.parse(readFileSync(join(ROOT, "infra/entra/app-registration.json"), "utf8"));
    const preAuthorized = registration.api.preAuthorizedApplications.map((a) => a.appId);
    for (const client of [
      "4765445b-32c6-49b0-83e6-1d93765276ca", // Microsoft 365 web
      "0ec893e0-5785-4de6-99da-4ed124e5296c", // Microsoft 365 desktop
      "d3590ed6-52b3-4102-aeff-aad2292ab01c", // Microsoft 365 mobile, Outlook desktop
      "bc59ab01-8403-45c6-8796-ac3ef710b3e3", // Outlook web
      "27922004-5251-4030-b22d-91ecd9a37ea4", // Outlook mobile
    ])
      assert.ok(preAuthorized.includes(client), `${client} is not pre-authorised in infra/entra/app-registration.json`);
  });

  test("the activity type and its template parameter are the ones the service sends", () => {
    const source = readFileSync(join(ROOT, "src/WorkplaceResilience.Api/Delivery/ActivityNotifier.cs"), "utf8");
    const sent = /const\s+string\s+ActivityType\s*=\s*"([^"]+)"/.exec(source)?.[1];
    assert.ok(sent, "ActivityNotifier.cs declares no ActivityType constant");
    // Every template parameter the notifier builds (a GraphKeyValuePair with a Name), wherever it builds them.
    const parameters = [...source.matchAll(/GraphKeyValuePair\s*\{\s*Name\s*=\s*"([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(parameters, ["minutes"]);
    const type = template().activities.activityTypes.find((a) => a.type === sent);
    assert.ok(type, `the manifest declares no activity type "${sent}"`);
    for (const p of parameters) assert.ok(type.templateText.includes(`{${p}}`), `templateText lacks {${p}}`);
  });

  test("the committed icons are what icons.mjs draws, and the outline is only white and transparent", () => {
    assert.ok(colorIcon().equals(readFileSync(join(HERE, "color.png"))), "color.png differs: run npm --prefix manifest run icons");
    assert.ok(outlineIcon().equals(readFileSync(join(HERE, "outline.png"))), "outline.png differs: run npm --prefix manifest run icons");
    const outline = PNG.sync.read(readFileSync(join(HERE, "outline.png")));
    let visible = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = outline.data.subarray(i, i + 4);
      if (a) { visible++; assert.deepEqual([r, g, b], [255, 255, 255]); }
    }
    assert.ok(visible > 50 && visible < 32 * 32 * 0.6, `${visible} visible pixels`);
  });
});

describe("German (localizationInfo)", () => {
  const germanFile = () => JSON.parse(readFileSync(join(HERE, "de.json"), "utf8"));

  test("the manifest names de.json for German, and it holds a German text for every text people see", async () => {
    const outDir = tmp();
    const { manifest, languages } = await buildPackage("dev", { outDir, values: devValues() });
    rmSync(outDir, { recursive: true, force: true });
    assert.deepEqual(manifest.localizationInfo, { defaultLanguageTag: "en-us", additionalLanguages: [{ languageTag: "de", file: "de.json" }] });
    const german = languages["de.json"];
    assert.equal(german["name.short"], "Resilienz-Pausen (dev)");
    assert.equal(german["activities.activityTypes[0].templateText"], "Hier passt eine {minutes}-Minuten-Pause");
    // Every tab name, the activity's texts and every add-in command and tip (the ribbon group keeps the product name).
    const shown = [
      ...manifest.staticTabs.flatMap((t, i) => (t.name ? [`staticTabs[${i}].name`] : [])),
      ...manifest.activities.activityTypes.flatMap((_, i) => [`activities.activityTypes[${i}].description`, `activities.activityTypes[${i}].templateText`]),
      ...manifest.extensions[0].runtimes[0].actions.map((_, i) => `extensions[0].runtimes[0].actions[${i}].displayName`),
    ];
    const control = "extensions[0].ribbons[0].tabs[0].groups[0].controls[0]";
    shown.push(`${control}.label`, `${control}.supertip.title`, `${control}.supertip.description`);
    manifest.extensions[0].ribbons[0].tabs[0].groups[0].controls[0].items.forEach((_, i) =>
      shown.push(`${control}.items[${i}].label`, `${control}.items[${i}].supertip.title`, `${control}.items[${i}].supertip.description`),
    );
    for (const key of ["name.short", "name.full", "description.short", "description.full", ...shown]) assert.ok(german[key], `de.json has no ${key}`);
  });

  test("a language file with a key the schema does not know, one that names no text, or other parameters fails naming the key", async () => {
    const broken = {
      ...germanFile(),
      "staticTabs[9].name": "Gibt es nicht",
      "activities.activityTypes[0].templateText": "Hier passt eine Pause",
      "bots[0].commandLists[0].commands[0].title": "Kein Bot",
      "color.png": "kein Text",
    };
    const problems = await problemsOf(template(), { languages: { "de.json": broken } });
    assertNames(problems, "de.json: staticTabs[9].name", /names no text in the manifest/);
    assertNames(problems, "de.json: activities.activityTypes[0].templateText", /\{minutes\}/);
    assertNames(problems, "de.json: bots[0].commandLists[0].commands[0].title", /names no text/);
    assertNames(problems, "de.json: color.png", /is not a key schema v1\.\d+ allows/);
  });

  test("a language file the manifest names but the package lacks fails naming the field", async () => {
    const t = template();
    t.localizationInfo.additionalLanguages.push({ languageTag: "fr", file: "fr.json" });
    const problems = await problemsOf(t);
    assertNames(problems, "$.localizationInfo.additionalLanguages[1].file", /fr\.json does not exist/);
  });
});

describe("the Outlook add-in (unified manifest extensions)", () => {
  const built = async () => {
    const outDir = tmp();
    const { manifest } = await buildPackage("dev", { outDir, values: devValues() });
    rmSync(outDir, { recursive: true, force: true });
    return manifest;
  };
  const WEB = join(ROOT, "src/WorkplaceResilience.Web");

  test("puts a 'Leave room to breathe' menu on the meeting organiser's ribbon, each item running a function of one runtime", async () => {
    const manifest = await built();
    assert.equal(manifest.extensions.length, 1);
    const [extension] = manifest.extensions;
    assert.deepEqual(extension.requirements, { scopes: ["mail"], capabilities: [{ name: "Mailbox", minVersion: "1.3" }] });
    const [runtime] = extension.runtimes;
    assert.equal(runtime.code.page, "https://wr-dev.azurewebsites.net/addin/commands.html");
    assert.equal(runtime.lifetime, "short");
    assert.deepEqual(runtime.actions.map((a) => [a.id, a.type]), [
      ["endFiveMinutesEarly", "executeFunction"],
      ["endTenMinutesEarly", "executeFunction"],
      ["keepGapAfter", "executeFunction"],
    ]);
    const [ribbon] = extension.ribbons;
    assert.deepEqual(ribbon.contexts, ["meetingDetailsOrganizer"]);
    const [menu] = ribbon.tabs[0].groups[0].controls;
    assert.equal(menu.type, "menu");
    assert.equal(menu.label, "Leave room to breathe");
    assert.deepEqual(menu.items.map((i) => i.actionId), runtime.actions.map((a) => a.id));
    for (const icon of menu.icons) assert.equal(icon.url, `https://wr-dev.azurewebsites.net/addin/icon-${icon.size}.png`);
  });

  test("its actions are exactly the ones the add-in's code registers", () => {
    const source = readFileSync(join(WEB, "src/addin/roomToBreathe.ts"), "utf8");
    const block = /export const ACTIONS = \{([\s\S]*?)\} as const;/.exec(source)?.[1];
    assert.ok(block, "roomToBreathe.ts declares no ACTIONS");
    const inCode = [...block.matchAll(/^\s*(\w+):/gm)].map((m) => m[1]);
    assert.deepEqual(inCode, template().extensions[0].runtimes[0].actions.map((a) => a.id));
  });

  test("its page loads Office.js from Microsoft's CDN and the command code, and its icons are what icons.mjs draws", () => {
    const page = readFileSync(join(WEB, "addin/commands.html"), "utf8");
    assert.match(page, /<script src="https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"><\/script>/);
    assert.match(page, /<script type="module" src="\/src\/addin\/commands\.ts"><\/script>/);
    assert.deepEqual(template().extensions[0].ribbons[0].tabs[0].groups[0].controls[0].icons.map((i) => i.size), ADDIN_ICON_SIZES);
    for (const size of ADDIN_ICON_SIZES) {
      const file = join(ADDIN_ICON_DIR, `icon-${size}.png`);
      assert.ok(addinIcon(size).equals(readFileSync(file)), `${file} differs: run npm --prefix manifest run icons`);
      const png = PNG.sync.read(readFileSync(file));
      assert.deepEqual([png.width, png.height], [size, size]);
    }
  });

  test("a ribbon command that names no declared action fails, naming the menu item", async () => {
    const t = template();
    t.extensions[0].ribbons[0].tabs[0].groups[0].controls[0].items[1].actionId = "endTwentyMinutesEarly";
    assertNames(await problemsOf(t), "$.extensions[0].ribbons[0].tabs[0].groups[0].controls[0].items[1].actionId", /no action declared/);
  });

  test("an add-in page on a host outside validDomains fails", async () => {
    const t = template();
    t.extensions[0].runtimes[0].code.page = "https://elsewhere.example.com/commands.html";
    assertNames(await problemsOf(t), "$.extensions[0].runtimes[0].code.page", /validDomains/);
  });

  test("the extension is checked against the official schema: an unknown ribbon context fails", async () => {
    const t = template();
    t.extensions[0].ribbons[0].contexts = ["appointmentOrganizer"];
    assertNames(await problemsOf(t), "$.extensions[0].ribbons[0].contexts[0]", /meetingDetailsOrganizer/);
  });

  test("the extension is checked against the official schema: a menu item without its supertip fails", async () => {
    const t = template();
    delete t.extensions[0].ribbons[0].tabs[0].groups[0].controls[0].items[0].supertip;
    assertNames(await problemsOf(t), "$.extensions[0].ribbons[0].tabs[0].groups[0].controls[0].items[0].supertip", /required/);
  });
});

describe("a broken manifest fails with the field named", () => {
  test("missing name.short", async () => {
    const t = template();
    delete t.name.short;
    assertNames(await problemsOf(t), "$.name.short", /required/);
  });

  test("an id that is not a GUID", async () => {
    const t = template();
    t.id = "not-a-guid";
    assertNames(await problemsOf(t), "$.id", /GUID/);
  });

  test("an all-zero app id", async () => {
    assertNames(await problemsOf(template(), { values: { ...devValues(), TEAMS_APP_ID: "00000000-0000-0000-0000-000000000000" } }), "$.id", /all-zero/);
  });

  test("an http content URL", async () => {
    const t = template();
    t.staticTabs[0].contentUrl = "http://{{HOST_NAME}}/?inTeams=1";
    assertNames(await problemsOf(t), "$.staticTabs[0].contentUrl", /https/);
  });

  test("a content URL whose host is not in validDomains", async () => {
    const t = template();
    t.staticTabs[1].contentUrl = "https://elsewhere.example.com/week";
    assertNames(await problemsOf(t), "$.staticTabs[1].contentUrl", /validDomains/);
  });

  test("a colour icon of the wrong size", async () => {
    const dir = iconDirWith("color.png", solidPng(96, [91, 95, 199, 255]));
    assertNames(await problemsOf(template(), { iconDir: dir }), "$.icons.color", /96×96.*192×192/);
    rmSync(dir, { recursive: true, force: true });
  });

  test("an outline icon of the wrong size", async () => {
    const dir = iconDirWith("outline.png", solidPng(64, [255, 255, 255, 0]));
    assertNames(await problemsOf(template(), { iconDir: dir }), "$.icons.outline", /32×32/);
    rmSync(dir, { recursive: true, force: true });
  });

  test("an outline icon that is not white on transparent", async () => {
    const dir = iconDirWith("outline.png", solidPng(32, [91, 95, 199, 255]));
    assertNames(await problemsOf(template(), { iconDir: dir }), "$.icons.outline", /white on a transparent background/);
    rmSync(dir, { recursive: true, force: true });
  });

  test("an unfilled placeholder", async () => {
    const t = template();
    t.name.full = "WorkplaceResilience {{REGION}}";
    assertNames(await problemsOf(t), "$.name.full", /unfilled placeholder \{\{REGION\}\}/);
  });

  test("prod without its values names every field left unfilled and the variable to set", async () => {
    const problems = await problemsOf(template(), { values: loadValues("prod", { environment: {} }) });
    assertNames(problems, "$.id", /WR_TEAMS_APP_ID/);
    assertNames(problems, "$.webApplicationInfo.id", /WR_ENTRA_CLIENT_ID/);
    assertNames(problems, "$.validDomains[0]", /WR_HOST_NAME/);
    assertNames(problems, "$.version", /WR_VERSION/);
  });

  test("a version that is not semver", async () => {
    assertNames(await problemsOf(template(), { values: { ...devValues(), VERSION: "1.0" } }), "$.version", /semantic version/);
  });

  test("a property the schema does not allow", async () => {
    const t = template();
    t.staticTabs[0].colour = "blue";
    assertNames(await problemsOf(t), "$.staticTabs[0].colour", /not a property/);
  });

  test("a host name with a scheme", async () => {
    assertNames(await problemsOf(template(), { values: { ...devValues(), HOST_NAME: "https://wr.contoso.com" } }), "HOST_NAME", /bare host name/);
  });
});

describe("the command", () => {
  const run = (args, env = {}) =>
    spawnSync(process.execPath, [join(HERE, "package.mjs"), ...args], { encoding: "utf8", env: { ...process.env, WR_TEAMS_APP_ID: "", WR_ENTRA_CLIENT_ID: "", WR_HOST_NAME: "", WR_VERSION: "", WR_ENV_SUFFIX: "", ...env } });

  test("prod with the WR_* variables builds and prints the zip path last", () => {
    const outDir = tmp();
    const r = run(["--env", "prod", "--out-dir", outDir], {
      WR_TEAMS_APP_ID: "6d3c1a52-8f0e-4b7a-9c1d-2e5f7a9b0c11",
      WR_ENTRA_CLIENT_ID: "1f2e3d4c-5b6a-4789-8abc-def012345678",
      WR_HOST_NAME: "wr.contoso.com",
      WR_VERSION: "1.0.42",
    });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split("\n");
    assert.equal(lines.at(-1), join(outDir, "workplace-resilience-prod.zip"));
    rmSync(outDir, { recursive: true, force: true });
  });

  test("a broken manifest exits non-zero naming the field and why", () => {
    const dir = tmp();
    const t = template();
    t.staticTabs[2].contentUrl = "http://{{HOST_NAME}}/hr";
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(t));
    const r = run(["--env", "dev", "--out-dir", dir, "--template", join(dir, "manifest.json")]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /\$\.staticTabs\[2\]\.contentUrl: must be an https URL/);
    rmSync(dir, { recursive: true, force: true });
  });

  test("an unknown environment exits non-zero", () => {
    const r = run(["--env", "staging"]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no environment file/);
  });
});
