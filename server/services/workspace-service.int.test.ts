import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { AppError } from "../../core/errors";
import { insertMember } from "../../db/queries/members";
import { insertProject } from "../../db/queries/projects";
import { member, project, workspace } from "../../db/schema";
import { useTestDatabase } from "../../test/db";
import { createUser, serviceContext, workspaceContext } from "../../test/fixtures";
import { workspaceService } from "./workspace-service";

const t = useTestDatabase();

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("workspaceService", () => {
  it("creates a workspace with the creator as its owner and a slug from the name", async () => {
    const alice = await createUser(t.db, "Alice");
    const ws = await workspaceService.create(serviceContext(t.db, alice), { name: "Zeta Labs" });
    expect(ws.slug).toBe("zeta-labs");
    const ctx = await workspaceContext(t.db, alice, ws.id);
    expect(ctx.role).toBe("owner");
  });

  it("derives the next free slug when the name repeats", async () => {
    const bob = await createUser(t.db, "Bob");
    const ctx = serviceContext(t.db, bob);
    const first = await workspaceService.create(ctx, { name: "Omega" });
    const second = await workspaceService.create(ctx, { name: "Omega" });
    const third = await workspaceService.create(ctx, { name: "omega!" });
    expect([first.slug, second.slug, third.slug]).toEqual(["omega", "omega-2", "omega-3"]);
  });

  it("refuses an explicit slug that is taken, per field, creating nothing", async () => {
    const carol = await createUser(t.db, "Carol");
    const ctx = serviceContext(t.db, carol);
    await workspaceService.create(ctx, { name: "Taken", slug: "taken-slug" });
    const before = await t.db.select().from(workspace);
    const error = await rejection(workspaceService.create(ctx, { name: "Other", slug: "taken-slug" }));
    expect(error.code).toBe("SLUG_TAKEN");
    expect(error.fieldErrors?.slug?.[0]).toMatch(/taken/);
    expect(await t.db.select().from(workspace)).toHaveLength(before.length);
  });

  it("update refuses a taken slug and leaves the workspace as it was", async () => {
    const dan = await createUser(t.db, "Dan");
    const a = await workspaceService.create(serviceContext(t.db, dan), { name: "Alpha Co" });
    await workspaceService.create(serviceContext(t.db, dan), { name: "Beta Co" });
    const ctx = await workspaceContext(t.db, dan, a.id);
    const error = await rejection(workspaceService.update(ctx, { name: "Renamed", slug: "beta-co" }));
    expect(error.code).toBe("SLUG_TAKEN");
    const [row] = await t.db.select().from(workspace).where(eq(workspace.id, a.id));
    expect(row).toMatchObject({ name: "Alpha Co", slug: "alpha-co" });
    expect(await workspaceService.update(ctx, {})).toMatchObject({ id: a.id, name: "Alpha Co" });
  });

  it("delete needs the exact name, then removes members and projects", async () => {
    const eve = await createUser(t.db, "Eve");
    const ws = await workspaceService.create(serviceContext(t.db, eve), { name: "Doomed" });
    await insertProject(t.db, { workspaceId: ws.id, name: "P", description: "", createdById: eve.id });
    const ctx = await workspaceContext(t.db, eve, ws.id);
    expect((await rejection(workspaceService.remove(ctx, { confirmName: "doomed" }))).code).toBe("CONFIRMATION_MISMATCH");
    expect(await t.db.select().from(project).where(eq(project.workspaceId, ws.id))).toHaveLength(1);
    await workspaceService.remove(ctx, { confirmName: "Doomed" });
    expect(await t.db.select().from(workspace).where(eq(workspace.id, ws.id))).toHaveLength(0);
    expect(await t.db.select().from(member).where(eq(member.workspaceId, ws.id))).toHaveLength(0);
    expect(await t.db.select().from(project).where(eq(project.workspaceId, ws.id))).toHaveLength(0);
  });

  it("the last owner cannot leave; another member can", async () => {
    const owner = await createUser(t.db, "Olga");
    const editor = await createUser(t.db, "Ed");
    const ws = await workspaceService.create(serviceContext(t.db, owner), { name: "Keepers" });
    await insertMember(t.db, { workspaceId: ws.id, userId: editor.id, role: "editor" });
    const error = await rejection(workspaceService.leave(await workspaceContext(t.db, owner, ws.id)));
    expect(error.code).toBe("LAST_OWNER");
    expect(error.message).toMatch(/another member an owner/);
    await workspaceService.leave(await workspaceContext(t.db, editor, ws.id));
    expect((await rejection(workspaceContext(t.db, editor, ws.id))).code).toBe("WORKSPACE_NOT_FOUND");
    expect((await workspaceContext(t.db, owner, ws.id)).role).toBe("owner");
  });
});
