import { expect, type Browser, type Page } from "@playwright/test";

let counter = 0;
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}.${Date.now().toString(36)}${counter}@example.test`;
}

export const PASSWORD = "e2e-password-123";

export async function signUp(page: Page, name: string, email: string) {
  await page.goto("/sign-up");
  await fillSignUp(page, name, email);
}

/** Fills and submits the sign-up form already on screen. */
export async function fillSignUp(page: Page, name: string, email: string) {
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** From onboarding: names the workspace and waits for its projects page. Returns its slug. */
export async function createFirstWorkspace(page: Page, name: string): Promise<string> {
  await expect(page).toHaveURL(/\/onboarding$/);
  await page.getByLabel("Workspace name").fill(name);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
  return new URL(page.url()).pathname.split("/")[2]!;
}

export async function createProject(page: Page, name: string, description = "") {
  await page.keyboard.press("c");
  const dialog = page.getByRole("dialog", { name: "New project" });
  await dialog.getByLabel("Name").fill(name);
  if (description) await dialog.getByLabel("Description").fill(description);
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
}

/** Creates an invitation link from the members page, with the role picked by its label. */
export async function createInviteLink(page: Page, slug: string, roleLabel: string): Promise<string> {
  await page.goto(`/w/${slug}/members`);
  await page.getByRole("button", { name: "Invite people" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("combobox", { name: "Role" }).click();
  await page.getByRole("option", { name: new RegExp(`^${roleLabel}`) }).click();
  await dialog.getByRole("button", { name: "Create invitation link" }).click();
  const link = await dialog.getByLabel("Invitation link").inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();
  return link;
}

/** A second person, in their own browser context, signs up through the link and joins. */
export async function joinThroughLink(browser: Browser, link: string, name: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole("link", { name: "Create an account to join" }).click();
  await expect(page).toHaveURL(/\/sign-up\?next=%2Finvite%2F/);
  await fillSignUp(page, name, uniqueEmail(name.split(" ")[0]!.toLowerCase()));
  await expect(page).toHaveURL(/\/invite\//);
  await page.getByRole("button", { name: "Join workspace" }).click();
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
  return page;
}
