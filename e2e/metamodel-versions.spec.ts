import { expect, test, type Page } from "@playwright/test";
import { createFirstWorkspace, createProject, signUp, uniqueEmail } from "./helpers";

/**
 * Meta-model versions: publish 1.0.0 of a starter, pin a model to it, remove an attribute in the
 * draft and publish 2.0.0; the model offers the upgrade, whose preview lists the removed attribute's
 * value as orphaned (with its fix); upgrading pins 2.0.0 and keeps the value.
 */

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/mmv-${name}.png` });

async function publishVersion(page: Page, expected: string, changelog: string) {
  await page.getByRole("button", { name: "Publish version..." }).click();
  const dialog = page.getByRole("dialog", { name: /^Publish / });
  await expect(dialog.getByLabel("Version")).toHaveValue(expected);
  await dialog.getByLabel("Changelog").fill(changelog);
  return dialog;
}

test("publish meta-model versions, pin a model, and upgrade it with a preview of what breaks", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, "Vera Versions", uniqueEmail("vera"));
  await createFirstWorkspace(page, `Versioned ${Date.now().toString(36)}`);
  await createProject(page, "Shop");
  const projectUrl = page.url();

  // The data-model starter; nothing published yet.
  await page.getByRole("button", { name: "Start from a template" }).click();
  await page.getByRole("radio", { name: /Entity \/ relational/ }).click();
  await page.getByRole("button", { name: "Create and open" }).click();
  await expect(page.getByTestId("metamodel-canvas")).toBeVisible();
  const metamodelUrl = page.url();
  const bar = page.getByTestId("metamodel-versions-bar");
  await expect(bar).toContainText("Not published yet");

  // Publish 1.0.0 (the suggested first version).
  const first = await publishVersion(page, "1.0.0", "First version");
  await shot(page, "1-publish-first");
  await first.getByRole("button", { name: "Publish 1.0.0" }).click();
  await expect(first).toBeHidden();
  await expect(bar).toContainText("No changes since 1.0.0");
  await expect(bar.getByRole("button", { name: "Versions" })).toContainText("v1.0.0");
  await shot(page, "1b-published");

  // A model of the shop, following the live draft at first; pin it to 1.0.0.
  await page.goto(projectUrl);
  await page.getByRole("button", { name: "New model" }).click();
  const modelDialog = page.getByRole("dialog", { name: "New model" });
  await modelDialog.getByLabel("Name").fill("Shop");
  await modelDialog.getByRole("radio", { name: /Example/ }).click();
  await modelDialog.getByRole("button", { name: "Create and open" }).click();
  await expect(page.getByTestId("model-editor")).toBeVisible();
  const modelUrl = page.url();
  const line = page.getByTestId("model-metamodel-version");
  await expect(line).toContainText(/Meta-model:\s*Data model/);
  await expect(line).toContainText("(live draft)");
  await line.getByRole("button", { name: /^Meta-model version/ }).click();
  await page.getByRole("menuitem", { name: /1\.0\.0/ }).click();
  const pinDialog = page.getByRole("dialog", { name: /Pin version 1\.0\.0/ });
  await expect(pinDialog).toContainText("nothing to fix");
  await pinDialog.getByRole("button", { name: "Pin 1.0.0" }).click();
  await expect(pinDialog).toBeHidden();
  await expect(line).toContainText("v1.0.0");
  await expect(line).not.toContainText("Upgrade available");
  await shot(page, "2-model-pinned");

  // In the draft, Entity loses tableName (the shop's Order has "orders" there); publish 2.0.0.
  await page.goto(metamodelUrl);
  // At the zoom that fits the whole starter, nodes draw as outlines: select Entity by its node id.
  await page.locator('.react-flow__node[data-id="c_entity"]').click();
  await page.getByTestId("inspector").getByRole("button", { name: "Delete attribute tableName" }).click();
  await expect(bar.getByTestId("changes-since-latest")).toContainText("1 change since 1.0.0");
  await expect(bar.getByTestId("changes-since-latest")).toContainText("1 breaking");
  const second = await publishVersion(page, "2.0.0", "Drops Entity.tableName");
  await expect(second.getByTestId("change-list")).toContainText("Entity.tableName");
  await expect(second.getByRole("button", { name: /^Major 2\.0\.0/ })).toHaveAttribute("aria-pressed", "true");
  await shot(page, "3-publish-major");
  await second.getByRole("button", { name: "Publish 2.0.0" }).click();
  await expect(second).toBeHidden();
  await bar.getByRole("button", { name: "Versions" }).click();
  await expect(page.getByRole("menuitem", { name: /2\.0\.0.*Drops Entity\.tableName/ })).toBeVisible();
  await shot(page, "4-versions-menu");
  await page.getByRole("menuitem", { name: /^1\.0\.0/ }).click();
  const compare = page.getByRole("dialog", { name: "Compare versions" });
  await expect(compare.getByTestId("change-list")).toContainText("Entity.tableName");
  await shot(page, "5-compare");
  await page.keyboard.press("Escape");
  await expect(compare).toBeHidden();

  // The model, still on 1.0.0 and unchanged, is offered 2.0.0.
  await page.goto(modelUrl);
  await expect(line).toContainText("v1.0.0");
  await expect(page.getByTestId("model-problems")).toContainText("No problems");
  await shot(page, "5b-upgrade-available");
  await line.getByRole("button", { name: /^Meta-model version/ }).click();
  await expect(page.getByRole("menuitem", { name: /2\.0\.0/ })).toBeVisible();
  await shot(page, "5c-pin-menu");
  // Escape closes the menu (the model editor's own shortcuts take Escape too).
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
  // So does a menu in the header: keys pressed inside an open menu are left to it.
  await page.getByRole("button", { name: "Account menu" }).click();
  await expect(page.getByRole("menu")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await line.getByRole("button", { name: /Upgrade available: 2\.0\.0/ }).click();
  const upgrade = page.getByRole("dialog", { name: /Upgrade to 2\.0\.0/ });
  await expect(upgrade.getByTestId("change-list")).toContainText("Entity.tableName");
  const problems = upgrade.getByTestId("upgrade-problems");
  await expect(problems).toContainText("Entity.tableName");
  await expect(problems).toContainText("“orders”");
  await expect(problems).toContainText("its value is kept");
  await expect(problems).toContainText("Fix:");
  await shot(page, "6-upgrade-preview");
  await upgrade.getByRole("button", { name: "Upgrade to 2.0.0" }).click();
  await expect(upgrade).toBeHidden();
  await expect(line).toContainText("v2.0.0");
  await expect(line).not.toContainText("Upgrade available");
  // The value is kept and reported, with a way to clear it.
  await expect(page.getByTestId("model-problems")).toContainText("1 warning");
  await expect(page.getByTestId("model-problems")).toContainText("“orders”");
  await shot(page, "7-upgraded");
});
