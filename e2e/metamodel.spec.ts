import { expect, test, type Page } from "@playwright/test";
import { createFirstWorkspace, createInviteLink, joinThroughLink, signUp, uniqueEmail } from "./helpers";

/** Meta-models co-edited live on the canvas, by two people in two browser contexts. */

async function newProjectWithMetamodel(page: Page, starter: RegExp, name?: string) {
  await page.keyboard.press("c");
  const dialog = page.getByRole("dialog", { name: "New project" });
  await dialog.getByLabel("Name").fill("Domain");
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { name: "Domain", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Start from a template" }).click();
  await page.getByRole("radio", { name: starter }).click();
  if (name) await page.getByRole("dialog").getByLabel(/^Name/).fill(name);
  await page.getByRole("button", { name: "Create and open" }).click();
  await expect(page.getByTestId("metamodel-canvas")).toBeVisible();
  return page.url();
}

const node = (page: Page, name: string) => page.getByTestId(`class-node-${name}`);

test("two people shape a meta-model together: live edits, cursors, presence, reload", async ({ page, browser }) => {
  await signUp(page, "Ada Architect", uniqueEmail("ada"));
  const slug = await createFirstWorkspace(page, "Canvas Co");
  const link = await createInviteLink(page, slug, "Editor");
  const bob = await joinThroughLink(browser, link, "Bob Builder");
  await page.goto(`/w/${slug}`);
  const url = await newProjectWithMetamodel(page, /State machine/);
  await expect(node(page, "StateMachine")).toBeVisible();

  await bob.goto(url);
  await expect(node(bob, "StateMachine")).toBeVisible();
  await expect(page.getByTestId("presence").getByText("BB")).toBeVisible();

  // Ada adds a class; Bob sees it.
  await page.keyboard.press("n");
  await page.getByRole("textbox", { name: "Rename class" }).fill("Guard");
  await page.keyboard.press("Enter");
  await expect(node(bob, "Guard")).toBeVisible();

  // Bob renames it; Ada sees the new name.
  await node(bob, "Guard").getByText("Guard").dblclick();
  await bob.getByRole("textbox", { name: "Rename class" }).fill("Condition");
  await bob.keyboard.press("Enter");
  await expect(node(page, "Condition")).toBeVisible();
  await expect(node(page, "Guard")).toHaveCount(0);

  // Bob's pointer shows on Ada's canvas, with his name.
  const box = (await bob.getByTestId("metamodel-canvas").boundingBox())!;
  await bob.mouse.move(box.x + 300, box.y + 300);
  await bob.mouse.move(box.x + 320, box.y + 330, { steps: 4 });
  await expect(page.getByTestId("cursor-Bob Builder")).toBeVisible();

  // Both reload: the edits are there.
  await page.reload();
  await bob.reload();
  await expect(node(page, "Condition")).toBeVisible();
  await expect(node(bob, "Condition")).toBeVisible();
  await bob.context().close();
});

async function addClass(page: Page, name: string) {
  await page.getByTestId("metamodel-canvas").locator(".react-flow__pane").click({ position: { x: 40, y: 200 } });
  await page.keyboard.press("n");
  await page.getByRole("textbox", { name: "Rename class" }).fill(name);
  await page.keyboard.press("Enter");
  await expect(node(page, name)).toBeVisible();
}

test("undo takes back only my own edits; problems show live; a viewer cannot edit", async ({ page, browser }) => {
  await signUp(page, "Una Undo", uniqueEmail("una"));
  const slug = await createFirstWorkspace(page, "Undo Co");
  const editorLink = await createInviteLink(page, slug, "Editor");
  const viewerLink = await createInviteLink(page, slug, "Viewer");
  const otto = await joinThroughLink(browser, editorLink, "Otto Other");
  const vera = await joinThroughLink(browser, viewerLink, "Vera Viewer");
  await page.goto(`/w/${slug}`);
  const url = await newProjectWithMetamodel(page, /Blank/, "Undo Model");
  await expect(page.getByText("An empty meta-model")).toBeVisible();
  await otto.goto(url);
  await expect(otto.getByTestId("metamodel-canvas")).toBeVisible();

  await addClass(page, "Mine");
  await addClass(otto, "Theirs");
  await expect(node(page, "Theirs")).toBeVisible();
  await expect(node(otto, "Mine")).toBeVisible();

  // Undo (mine): my class goes, Otto's stays, on both screens.
  await page.getByTestId("metamodel-canvas").locator(".react-flow__pane").click({ position: { x: 40, y: 200 } });
  for (let i = 0; i < 3 && (await node(page, "Mine").count()) > 0; i++) {
    await page.keyboard.press("Control+z");
    await page.waitForTimeout(150);
  }
  await expect(node(page, "Mine")).toHaveCount(0);
  await expect(node(otto, "Mine")).toHaveCount(0);
  await expect(node(page, "Theirs")).toBeVisible();
  await expect(node(otto, "Theirs")).toBeVisible();
  await page.keyboard.press("Control+Shift+z");
  await expect(node(otto, "Mine").or(node(otto, "NewClass"))).toHaveCount(1);

  // A second "Theirs" breaks MM-2: the problems panel and the node marker say so, live.
  await addClass(page, "Theirs2");
  await node(page, "Theirs2").getByText("Theirs2").dblclick();
  await page.getByRole("textbox", { name: "Rename class" }).fill("Theirs");
  await page.keyboard.press("Enter");
  const panel = page.getByTestId("problems-panel");
  await expect(panel).toContainText("1 error");
  await expect(panel).toContainText("Two types are named Theirs.");
  await expect(page.getByTestId("problem-marker").first()).toBeVisible();

  // A viewer sees everything and can change nothing.
  await vera.goto(url);
  await expect(vera.getByText("View only")).toBeVisible();
  await expect(vera.getByRole("button", { name: "Add class" })).toHaveCount(0);
  const before = await vera.locator(".react-flow__node").count();
  await vera.getByTestId("metamodel-canvas").locator(".react-flow__pane").click({ position: { x: 40, y: 200 } });
  await vera.keyboard.press("n");
  await vera.waitForTimeout(500);
  expect(await vera.locator(".react-flow__node").count()).toBe(before);
  await expect(vera.getByRole("textbox", { name: "Meta-model name" })).toBeDisabled();

  await otto.context().close();
  await vera.context().close();
});
