import { expect, test } from "@playwright/test";
import { createFirstWorkspace, createInviteLink, createProject, fillSignUp, PASSWORD, signIn, signUp, uniqueEmail } from "./helpers";

test("sign up, create a workspace and a project, reload, sign out and back in", async ({ page }) => {
  const email = uniqueEmail("founder");
  await signUp(page, "Fay Founder", email);
  const slug = await createFirstWorkspace(page, "Founders Lab");
  expect(slug).toBe("founders-lab");

  await expect(page.getByText("No projects yet")).toBeVisible();
  await page.getByRole("button", { name: "Create the first project" }).click();
  const dialog = page.getByRole("dialog", { name: "New project" });
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(dialog.getByText("Give the project a name.")).toBeVisible();
  await dialog.getByLabel("Name").fill("Online shop");
  await dialog.getByLabel("Description").fill("Customers, orders, products");
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { name: "Online shop", level: 1 })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { name: "Online shop", level: 1 })).toBeVisible();
  await expect(page.getByText("Customers, orders, products")).toBeVisible();

  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto(`/w/${slug}`);
  await expect(page).toHaveURL(/\/sign-in\?next=/);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong email or password")).toBeVisible();
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}$`));
  await expect(page.getByRole("link", { name: /Online shop/ }).first()).toBeVisible();
});

test("an invite link is accepted by a second user, who as a viewer cannot create projects", async ({ page, browser }) => {
  const ownerEmail = uniqueEmail("owner");
  await signUp(page, "Olive Owner", ownerEmail);
  const slug = await createFirstWorkspace(page, "Invite Test Co");
  await createProject(page, "Shared models");

  const link = await createInviteLink(page, slug, "Viewer");
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{32}$/);
  await expect(page.getByRole("list", { name: "Open invitations" })).toContainText("Viewer");

  const second = await browser.newContext();
  const guest = await second.newPage();
  await guest.goto(link);
  await expect(guest.getByRole("heading", { name: "Join Invite Test Co" })).toBeVisible();
  await expect(guest.getByText("Olive Owner invited you as viewer")).toBeVisible();
  await guest.getByRole("link", { name: "Create an account to join" }).click();
  await expect(guest).toHaveURL(/\/sign-up\?next=%2Finvite%2F/);
  await fillSignUp(guest, "Vic Viewer", uniqueEmail("viewer"));
  await expect(guest).toHaveURL(/\/invite\//);
  await guest.getByRole("button", { name: "Join workspace" }).click();
  await expect(guest).toHaveURL(new RegExp(`/w/${slug}$`));
  await expect(guest.getByRole("link", { name: /Shared models/ }).first()).toBeVisible();

  // A viewer sees no way to create, the shortcut explains why, and the server refuses anyway.
  await expect(guest.getByRole("button", { name: /New project/ })).toHaveCount(0);
  await guest.keyboard.press("c");
  await expect(guest.getByText("Viewers and commenters can't create projects")).toBeVisible();
  const workspaceId = await guest.evaluate(async (s) => {
    const res = await fetch(`/api/trpc/workspace.bySlug?input=${encodeURIComponent(JSON.stringify({ json: { slug: s } }))}`);
    return ((await res.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id;
  }, slug);
  const refused = await guest.request.post("/api/trpc/project.create", {
    data: { json: { workspaceId, name: "Sneaky" } },
  });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain("Viewers can't create projects");

  await page.reload();
  await expect(page.getByRole("list", { name: "Members" })).toContainText("Vic Viewer");
  await expect(page.getByRole("list", { name: "Open invitations" })).toHaveCount(0);
  await expect(page.getByText("No open invitations.")).toBeVisible();
  await second.close();
});

test("the demo workspace is there for the demo user", async ({ page }) => {
  await signIn(page, "demo@metaforge.dev", "metaforge-demo");
  await expect(page).toHaveURL(/\/w\/demo$/);
  await expect(page.getByRole("list", { name: "Projects" }).getByRole("link")).toHaveCount(3);
});
