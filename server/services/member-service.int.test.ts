import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { insertMember } from "../../db/queries/members";
import { member } from "../../db/schema";
import { useTestDatabase } from "../../test/db";
import { createUser, createWorkspaceWithRoles, outcomeCode, workspaceContext } from "../../test/fixtures";
import { memberService } from "./member-service";

const t = useTestDatabase();


async function roleOf(memberId: string) {
  const [row] = await t.db.select({ role: member.role }).from(member).where(eq(member.id, memberId));
  return row?.role;
}

describe("memberService", () => {
  it("lists members with their names and roles", async () => {
    const fx = await createWorkspaceWithRoles(t.db);
    const list = await memberService.list(await workspaceContext(t.db, fx.members.viewer, fx.workspace.id));
    expect(list.map((m) => m.role).sort()).toEqual(["admin", "commenter", "editor", "owner", "viewer"]);
    expect(list.every((m) => m.email.endsWith("@example.test"))).toBe(true);
  });

  it("admins manage roles up to admin; only owners touch owners", async () => {
    const fx = await createWorkspaceWithRoles(t.db);
    const admin = await workspaceContext(t.db, fx.members.admin, fx.workspace.id);
    expect(await outcomeCode(memberService.updateRole(admin, { memberId: fx.memberIds.viewer, role: "editor" }))).toBe("ok");
    expect(await roleOf(fx.memberIds.viewer)).toBe("editor");
    expect(await outcomeCode(memberService.updateRole(admin, { memberId: fx.memberIds.editor, role: "owner" }))).toBe("FORBIDDEN");
    expect(await outcomeCode(memberService.updateRole(admin, { memberId: fx.memberIds.owner, role: "viewer" }))).toBe("FORBIDDEN");
    expect(await roleOf(fx.memberIds.owner)).toBe("owner");
    const owner = await workspaceContext(t.db, fx.members.owner, fx.workspace.id);
    expect(await outcomeCode(memberService.updateRole(owner, { memberId: fx.memberIds.admin, role: "owner" }))).toBe("ok");
  });

  it("never leaves a workspace without an owner", async () => {
    const fx = await createWorkspaceWithRoles(t.db);
    const owner = await workspaceContext(t.db, fx.members.owner, fx.workspace.id);
    expect(await outcomeCode(memberService.updateRole(owner, { memberId: fx.memberIds.owner, role: "admin" }))).toBe("LAST_OWNER");
    expect(await roleOf(fx.memberIds.owner)).toBe("owner");
  });

  it("two owners demoting each other at once: exactly one succeeds", async () => {
    const fx = await createWorkspaceWithRoles(t.db);
    const second = await createUser(t.db, "Second owner");
    const secondId = (await insertMember(t.db, { workspaceId: fx.workspace.id, userId: second.id, role: "owner" })).id;
    const a = await workspaceContext(t.db, fx.members.owner, fx.workspace.id);
    const b = await workspaceContext(t.db, second, fx.workspace.id);
    // Hold the owners' rows so both requests are in flight together, then let them race.
    let racing: Promise<string[]> | undefined;
    await t.sql.begin(async (tx) => {
      await tx`select id from member where workspace_id = ${fx.workspace.id} and role = 'owner' for update`;
      racing = Promise.all([
        outcomeCode(memberService.updateRole(a, { memberId: secondId, role: "admin" })),
        outcomeCode(memberService.updateRole(b, { memberId: fx.memberIds.owner, role: "admin" })),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    const results = await racing!;
    expect(results.sort()).toEqual(["LAST_OWNER", "ok"]);
    const owners = await t.db
      .select()
      .from(member)
      .where(and(eq(member.workspaceId, fx.workspace.id), eq(member.role, "owner")));
    expect(owners).toHaveLength(1);
  });

  it("removes members within the rules", async () => {
    const fx = await createWorkspaceWithRoles(t.db);
    const admin = await workspaceContext(t.db, fx.members.admin, fx.workspace.id);
    expect(await outcomeCode(memberService.remove(admin, { memberId: fx.memberIds.owner }))).toBe("FORBIDDEN");
    expect(await outcomeCode(memberService.remove(admin, { memberId: fx.memberIds.admin }))).toBe("FORBIDDEN");
    expect(await outcomeCode(memberService.remove(admin, { memberId: fx.memberIds.editor }))).toBe("ok");
    expect(await roleOf(fx.memberIds.editor)).toBeUndefined();
    expect(await outcomeCode(memberService.remove(admin, { memberId: fx.memberIds.editor }))).toBe("MEMBER_NOT_FOUND");
  });
});
