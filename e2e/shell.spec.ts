import { expect, test } from "@playwright/test";
import { createFirstWorkspace, createInviteLink, createProject, joinThroughLink, signUp, uniqueEmail } from "./helpers";

test("command palette, search, archive and restore, delete with confirmation, dark mode", async ({ page }) => {
  await signUp(page, "Sam Shell", uniqueEmail("shell"));
  const slug = await createFirstWorkspace(page, "Shell Works");
  await createProject(page, "Billing API", "Invoices and payments");
  await page.goto(`/w/${slug}`);
  await createProject(page, "Order workflow");

  // Ctrl+K: jump to a project by typing its name.
  await page.goto(`/w/${slug}`);
  await page.keyboard.press("Control+k");
  await page.getByPlaceholder("Type a command or search projects...").fill("billing");
  await expect(page.getByRole("option", { name: "Billing API" })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Billing API", level: 1 })).toBeVisible();

  // Search filters the list; "/" focuses it.
  await page.keyboard.press("g");
  await page.keyboard.press("p");
  await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
  await page.keyboard.press("/");
  await page.keyboard.type("invoices");
  const list = page.getByRole("list", { name: "Projects" });
  await expect(list.getByRole("link")).toHaveCount(1);
  await expect(list).toContainText("Billing API");
  await page.getByLabel("Search projects").fill("nothing-like-this");
  await expect(page.getByText('No projects match "nothing-like-this"')).toBeVisible();

  // Archive, find it under Archived, restore.
  await page.goto(`/w/${slug}`);
  await page.getByRole("link", { name: /Order workflow/ }).first().click();
  await page.getByRole("button", { name: "Project actions" }).click();
  await page.getByRole("menuitem", { name: "Archive project" }).click();
  await expect(page.getByText("This project is archived and read-only")).toBeVisible();
  await page.goto(`/w/${slug}`);
  await expect(page.getByRole("list", { name: "Projects" }).getByRole("link")).toHaveCount(1);
  await page.getByRole("tab", { name: "Archived" }).click();
  await page.getByRole("list", { name: "Projects" }).getByRole("link", { name: /Order workflow/ }).click();
  await page.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByText("This project is archived and read-only")).toHaveCount(0);

  // Delete needs the exact name.
  await page.getByRole("button", { name: "Project actions" }).click();
  await page.getByRole("menuitem", { name: "Delete project..." }).click();
  const confirm = page.getByRole("dialog");
  await expect(confirm.getByRole("button", { name: "Delete project" })).toBeDisabled();
  await confirm.getByLabel(/Type Order workflow to confirm/).fill("Order workflow");
  await confirm.getByRole("button", { name: "Delete project" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}$`));
  await expect(page.getByRole("list", { name: "Projects" }).getByRole("link")).toHaveCount(1);

  // Dark mode toggles and survives a reload.
  await page.getByRole("button", { name: "Toggle dark mode" }).click();
  const theme = await page.evaluate(() => document.documentElement.classList.contains("dark"));
  await page.reload();
  expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(theme);
  await page.getByRole("button", { name: "Toggle dark mode" }).click();
  expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(!theme);
});

test("members: an admin promotes a viewer to editor; settings: rename; the last owner cannot leave", async ({ page, browser }) => {
  await signUp(page, "Rita Roles", uniqueEmail("roles"));
  const slug = await createFirstWorkspace(page, "Roles Inc");

  const link = await createInviteLink(page, slug, "Viewer");
  const member = await joinThroughLink(browser, link, "Max Member");
  await expect(member.getByRole("button", { name: /New project/ })).toHaveCount(0);

  await page.reload();
  await page.getByRole("combobox", { name: "Role of Max Member" }).click();
  await page.getByRole("option", { name: /^Editor/ }).click();
  await expect(page.getByText("Max Member is now editor")).toBeVisible();
  await member.reload();
  await expect(member.getByRole("button", { name: /New project/ }).first()).toBeVisible();
  await member.context().close();

  await page.goto(`/w/${slug}/settings`);
  await page.getByLabel("Name", { exact: true }).fill("Roles Incorporated");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Workspace saved")).toBeVisible();
  await expect(page.getByRole("link", { name: "Roles Incorporated" })).toBeVisible();

  await page.getByRole("button", { name: "Leave Roles Incorporated" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Leave workspace" }).click();
  await expect(page.getByText("You are the last owner")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/settings$`));
});
