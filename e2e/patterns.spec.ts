import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { createFirstWorkspace, createProject, signUp, uniqueEmail } from "./helpers";

/**
 * Issue 5 as a new user tries it: upload a repetitive codebase (a folder: five TypeScript services of
 * one shape, three Python scripts), watch the analysis, browse the groups and the treemap, rename a
 * hole, promote the group, generate from the new model and template, and get the original files back
 * byte for byte. A bigger upload shows the live progress and is cancelled.
 */

const FIXTURE = path.join(import.meta.dirname, "fixtures", "patterns", "shop");

function readTree(dir: string, base = dir): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) Object.assign(out, readTree(abs, base));
    else out[path.relative(base, abs).split(path.sep).join("/")] = fs.readFileSync(abs, "utf8");
  }
  return out;
}

async function shot(page: Page, name: string, fullPage = true) {
  await page.screenshot({ path: `/tmp/${name}.png`, fullPage });
}

test("upload a folder, explore, rename a hole, promote, generate the same files back", async ({ page }, info) => {
  test.setTimeout(240_000);
  await signUp(page, "Pat Tern", uniqueEmail("pat"));
  await createFirstWorkspace(page, "Patterns");
  await createProject(page, "Shop backend");
  const projectUrl = page.url();

  // The empty state invites to analyse code.
  const section = page.getByRole("region", { name: "Analyses" });
  await expect(section.getByText("No analyses yet")).toBeVisible();
  await section.getByRole("button", { name: "Analyse code" }).click();
  const dialog = page.getByRole("dialog", { name: "Analyse code" });
  await expect(dialog.getByRole("tab", { name: "Upload" })).toHaveAttribute("aria-selected", "true");
  await dialog.getByLabel("Folder to upload").setInputFiles(FIXTURE);
  await expect(dialog.getByTestId("picked-upload")).toContainText("shop");
  await expect(dialog.getByTestId("picked-upload")).toContainText("11 files");
  await shot(page, "patterns-new-dialog", false);
  await dialog.getByRole("button", { name: "Upload and analyse" }).click();

  // The analysis page: progress, then the result.
  await expect(page).toHaveURL(/\/analyses\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "shop", level: 1 })).toBeVisible();
  await expect(page.locator('[data-status="done"]').first()).toBeVisible({ timeout: 60_000 });
  const summary = page.getByRole("definition").filter({ hasText: /^11$/ });
  await expect(summary.first()).toBeVisible();
  await expect(page.getByRole("group", { name: /Codebase treemap/ })).toBeVisible();
  const analysisUrl = page.url();

  // The TypeScript services: five occurrences of one file-level pattern.
  const tsGroup = page.locator("[data-group]").filter({ hasText: "typescript" }).filter({ hasText: "5×" }).first();
  await tsGroup.click();
  const view = page.getByTestId("group-view");
  await expect(view.getByRole("heading", { level: 2 })).toContainText("typescript");
  await expect(view.getByRole("region", { name: "Template code" })).toBeVisible();
  await expect(view.getByRole("table", { name: "Bindings" }).locator("tbody tr")).toHaveCount(5);
  await expect(view.getByRole("region", { name: /^Occurrence 2 in / })).toBeVisible();
  await shot(page, "patterns-result-light");

  // The treemap: clicking a Python file filters the groups to that file's.
  await page.locator('[data-path="scripts/export_orders.py"]').click();
  await expect(page.getByRole("button", { name: "Show all files' groups" })).toBeVisible();
  await expect(page.locator("[data-group]").filter({ hasText: "typescript" })).toHaveCount(0);
  await page.getByRole("button", { name: "Show all files' groups" }).click();

  // Keyboard: / focuses the filter, j/k move through groups.
  await page.keyboard.press("/");
  await expect(page.getByLabel("Filter groups")).toBeFocused();
  await page.keyboard.type("python");
  await expect(page.locator("[data-group]").filter({ hasText: "typescript" })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(page.getByLabel("Filter groups")).toHaveValue("");
  await tsGroup.click();

  // Rename the first hole: the template and every occurrence follow; Esc cancels a rename.
  const renameButton = view.getByRole("button", { name: /^Rename hole / }).first();
  const oldName = (await renameButton.getAttribute("aria-label"))!.replace("Rename hole ", "");
  await renameButton.click();
  const input = view.getByLabel(`New name for hole ${oldName}`);
  await input.fill("discarded");
  await input.press("Escape");
  await expect(view.getByTestId("hole-name").first()).toHaveText(oldName);
  await view.getByRole("button", { name: `Rename hole ${oldName}` }).click();
  await view.getByLabel(`New name for hole ${oldName}`).fill("entity");
  await expect(view.getByRole("region", { name: "Template code" })).toContainText("{{ entity");
  await page.keyboard.press("Enter");
  await expect(view.getByTestId("hole-name").first()).toHaveText("entity");
  await expect(view.getByRole("table", { name: "Bindings" }).getByRole("columnheader", { name: "entity" })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("group-view").getByTestId("hole-name").first()).toHaveText("entity");

  // Promote: the dialog names what it creates, then links to Generate.
  await page.getByTestId("group-view").getByRole("button", { name: "Promote to model" }).click();
  const promote = page.getByRole("dialog", { name: /^Promote g\d+ to a model$/ });
  await expect(promote.getByRole("list", { name: "What will be created" })).toContainText("Entity");
  await shot(page, "patterns-promote-dialog", false);
  await promote.getByRole("button", { name: "Create meta-model, model and template" }).click();
  const promoted = page.getByRole("dialog", { name: "Promoted: Entity" });
  await expect(promoted).toBeVisible();
  await promoted.getByRole("link", { name: "Generate the code from the model" }).click();

  // Generate, download, compare with the uploaded files byte for byte.
  await expect(page).toHaveURL(/\/models\/[0-9a-f-]{36}\/generate$/);
  await page.getByRole("button", { name: "Generate Entity" }).click();
  await expect(page.getByRole("button", { name: "order-service.ts" }).first()).toBeVisible({ timeout: 30_000 });
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download zip" }).first().click()]);
  const zipPath = path.join(info.outputDir, download.suggestedFilename());
  await download.saveAs(zipPath);
  const generated = Object.fromEntries(Object.entries(unzipSync(new Uint8Array(fs.readFileSync(zipPath)))).map(([p, bytes]) => [p, strFromU8(bytes)]));
  const originals = Object.fromEntries(Object.entries(readTree(FIXTURE)).filter(([p]) => p.startsWith("src/services/")));
  expect(Object.keys(generated).sort()).toEqual(Object.keys(originals).sort());
  for (const [p, text] of Object.entries(originals)) expect(generated[p], p).toBe(text);
  await shot(page, "patterns-generated");

  // Back on the analysis: the group is marked promoted, with links; the project lists the analysis.
  await page.goto(analysisUrl);
  await expect(page.getByTestId("promoted-links")).toBeVisible();
  await page.emulateMedia({ colorScheme: "dark" });
  await shot(page, "patterns-result-dark");
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(projectUrl);
  await expect(page.getByRole("list", { name: "Analyses" })).toContainText("shop");
  await shot(page, "patterns-project");
});

test("a bigger upload shows live progress and can be cancelled; unsafe zips are refused", async ({ page }) => {
  test.setTimeout(180_000);
  await signUp(page, "Can Celia", uniqueEmail("celia"));
  await createFirstWorkspace(page, "Cancels");
  await createProject(page, "Big code");

  // 5,500 files of the fixture's shapes, zipped: enough work that the analysis is still running when
  // Cancel is pressed.
  const tree = readTree(FIXTURE);
  const files: Zippable = {};
  for (let i = 0; i < 500; i++) for (const [p, text] of Object.entries(tree)) files[`big/copy${i}/${p}`] = strToU8(text.replaceAll("Service", `Service${i}`));
  const zip = path.join(os.tmpdir(), `patterns-big-${Date.now()}.zip`);
  fs.writeFileSync(zip, zipSync(files));

  await page.getByRole("region", { name: "Analyses" }).getByRole("button", { name: "Analyse code" }).click();
  const dialog = page.getByRole("dialog", { name: "Analyse code" });
  await dialog.getByLabel("Zip file to upload").setInputFiles(zip);
  await dialog.getByRole("button", { name: "Upload and analyse" }).click();
  const progress = page.getByTestId("analysis-progress");
  await expect(progress).toBeVisible({ timeout: 30_000 });
  await expect(progress.getByRole("progressbar", { name: "Analysis progress" })).toBeVisible();
  // Running: the bar fills phase by phase (polled while the job reports progress).
  await expect(page.locator('[data-status="running"]').first()).toBeVisible({ timeout: 30_000 });
  await expect(progress.getByRole("progressbar", { name: "Analysis progress" })).toHaveAttribute("aria-valuenow", /\d+/);
  await shot(page, "patterns-progress-light");
  await progress.getByRole("button", { name: "Cancel analysis" }).click();
  await expect(page.getByRole("heading", { name: "Cancelled" })).toBeVisible();
  await expect(page.locator('[data-status="cancelled"]').first()).toBeVisible();

  // A zip with a path that leaves the folder is refused with a clear message.
  const evil = path.join(os.tmpdir(), `patterns-evil-${Date.now()}.zip`);
  fs.writeFileSync(evil, zipSync({ "ok.ts": strToU8("export const a = 1;\n"), "../../evil.sh": strToU8("rm -rf /") }));
  await page.getByRole("button", { name: "Start a new analysis" }).click();
  const again = page.getByRole("dialog", { name: "Analyse code" });
  await again.getByLabel("Zip file to upload").setInputFiles(evil);
  await again.getByRole("button", { name: "Upload and analyse" }).click();
  await expect(again.getByRole("alert")).toContainText("unsafe path");
  await shot(page, "patterns-refused", false);

  // Paste: two small files, analysed.
  await again.getByRole("tab", { name: "Paste files" }).click();
  const service = (e: string) => `export function load${e}(id: string) {\n  const row = db.get("${e.toLowerCase()}s", id);\n  if (!row) throw new Error("No ${e.toLowerCase()} " + id);\n  return row;\n}\n`;
  await again.getByLabel("Path of file 1").fill("src/users.ts");
  await again.getByLabel("Code of file 1").fill(service("User"));
  await again.getByLabel("Path of file 2").fill("src/orders.ts");
  await again.getByLabel("Code of file 2").fill(service("Order"));
  await again.getByRole("button", { name: "Analyse", exact: true }).click();
  await expect(page.locator('[data-status="done"]').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("heading", { name: "Pasted code", level: 1 })).toBeVisible();
});
