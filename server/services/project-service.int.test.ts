import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type AppError } from "../../core/errors";
import { project } from "../../db/schema";
import { useTestDatabase } from "../../test/db";
import { createWorkspaceWithRoles, outcomeCode, workspaceContext } from "../../test/fixtures";
import { projectService } from "./project-service";

const t = useTestDatabase();

async function editorCtx() {
  const fx = await createWorkspaceWithRoles(t.db);
  return { fx, ctx: await workspaceContext(t.db, fx.members.editor, fx.workspace.id) };
}


describe("projectService", () => {
  it("creates, reads back, renames and describes a project", async () => {
    const { ctx } = await editorCtx();
    const created = await projectService.create(ctx, { name: "Online shop", description: "Orders" });
    expect(created).toMatchObject({ name: "Online shop", description: "Orders", archivedAt: null, createdByName: ctx.user.name });
    const updated = await projectService.update(ctx, { projectId: created.id, name: "Web shop", description: "Orders and carts" });
    expect(updated).toMatchObject({ name: "Web shop", description: "Orders and carts" });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
  });

  it("refuses a duplicate name (any case) per field, and stores nothing", async () => {
    const { fx, ctx } = await editorCtx();
    await projectService.create(ctx, { name: "Billing", description: "" });
    const error = (await projectService.create(ctx, { name: "BILLING", description: "" }).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe("PROJECT_NAME_TAKEN");
    expect(error.fieldErrors?.name?.[0]).toContain("BILLING");
    expect(await t.db.select().from(project).where(eq(project.workspaceId, fx.workspace.id))).toHaveLength(1);
  });

  it("searches names and descriptions, literally, and filters by status", async () => {
    const { ctx } = await editorCtx();
    const shop = await projectService.create(ctx, { name: "Shop", description: "Customers and orders" });
    await projectService.create(ctx, { name: "Billing", description: "100% invoices" });
    const old = await projectService.create(ctx, { name: "Old shop", description: "" });
    await projectService.setArchived(ctx, { projectId: old.id, archived: true });

    const names = async (input: Parameters<typeof projectService.list>[1]) =>
      (await projectService.list(ctx, input)).map((p) => p.name).sort();
    expect(await names({ status: "active" })).toEqual(["Billing", "Shop"]);
    expect(await names({ status: "archived" })).toEqual(["Old shop"]);
    expect(await names({ status: "all", search: "shop" })).toEqual(["Old shop", "Shop"]);
    expect(await names({ status: "active", search: "ORDERS" })).toEqual(["Shop"]);
    expect(await names({ status: "active", search: "100%" })).toEqual(["Billing"]);
    expect(await names({ status: "active", search: "%" })).toEqual(["Billing"]);
    expect(await names({ status: "active", search: "_" })).toEqual([]);
    expect(shop.id).toBeTruthy();
  });

  it("archived projects are read-only until restored", async () => {
    const { ctx } = await editorCtx();
    const p = await projectService.create(ctx, { name: "Frozen", description: "" });
    await projectService.setArchived(ctx, { projectId: p.id, archived: true });
    expect(await outcomeCode(projectService.update(ctx, { projectId: p.id, name: "Thawed" }))).toBe("PROJECT_ARCHIVED");
    expect((await projectService.get(ctx, { projectId: p.id })).name).toBe("Frozen");
    await projectService.setArchived(ctx, { projectId: p.id, archived: false });
    expect((await projectService.update(ctx, { projectId: p.id, name: "Thawed" })).name).toBe("Thawed");
  });

  it("delete needs the exact name; a wrong one deletes nothing", async () => {
    const { fx } = await editorCtx();
    const admin = await workspaceContext(t.db, fx.members.admin, fx.workspace.id);
    const p = await projectService.create(admin, { name: "Temp", description: "" });
    expect(await outcomeCode(projectService.remove(admin, { projectId: p.id, confirmName: "temp" }))).toBe("CONFIRMATION_MISMATCH");
    expect((await projectService.get(admin, { projectId: p.id })).name).toBe("Temp");
    await projectService.remove(admin, { projectId: p.id, confirmName: "Temp" });
    expect(await outcomeCode(projectService.get(admin, { projectId: p.id }))).toBe("PROJECT_NOT_FOUND");
  });
});
