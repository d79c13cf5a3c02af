import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { AppError } from "../../core/errors";
import { invitation, member } from "../../db/schema";
import { useTestDatabase } from "../../test/db";
import { createUser, createWorkspaceWithRoles, outcomeCode, serviceContext, workspaceContext } from "../../test/fixtures";
import { invitationService } from "./invitation-service";

const t = useTestDatabase();


const tokenOf = (url: string) => url.split("/invite/")[1]!;

async function setup() {
  const fx = await createWorkspaceWithRoles(t.db);
  const admin = await workspaceContext(t.db, fx.members.admin, fx.workspace.id);
  return { fx, admin };
}

describe("invitationService", () => {
  it("creates a link, lists it while open, and lets a new user join with its role", async () => {
    const { fx, admin } = await setup();
    const created = await invitationService.create(admin, { role: "editor", expiresInDays: 7 });
    expect(created.url).toMatch(/^http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]{32}$/);
    expect((await invitationService.list(admin)).map((i) => i.id)).toContain(created.id);

    const newcomer = await createUser(t.db, "Newcomer");
    const result = await invitationService.accept(serviceContext(t.db, newcomer), tokenOf(created.url));
    expect(result).toEqual({ slug: fx.workspace.slug, alreadyMember: false });
    expect((await workspaceContext(t.db, newcomer, fx.workspace.id)).role).toBe("editor");
    expect((await invitationService.list(admin)).map((i) => i.id)).not.toContain(created.id);
    expect((await invitationService.preview(t.db, tokenOf(created.url))).status).toBe("accepted");

    const late = await createUser(t.db, "Late");
    expect(await outcomeCode(invitationService.accept(serviceContext(t.db, late), tokenOf(created.url)))).toBe("INVITATION_USED");
  });

  it("admins cannot hand out the owner role", async () => {
    const { admin } = await setup();
    const error = await invitationService.create(admin, { role: "owner", expiresInDays: 7 }).catch((e: AppError) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("FORBIDDEN");
    expect((error as AppError).fieldErrors?.role).toBeDefined();
  });

  it("refuses expired, revoked and unknown links", async () => {
    const { admin } = await setup();
    const someone = serviceContext(t.db, await createUser(t.db, "Someone"));
    const expired = await invitationService.create(admin, { role: "viewer", expiresInDays: 1 });
    await t.db.update(invitation).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitation.id, expired.id));
    expect(await outcomeCode(invitationService.accept(someone, tokenOf(expired.url)))).toBe("INVITATION_EXPIRED");

    const revoked = await invitationService.create(admin, { role: "viewer", expiresInDays: 1 });
    await invitationService.revoke(admin, { invitationId: revoked.id });
    expect(await outcomeCode(invitationService.accept(someone, tokenOf(revoked.url)))).toBe("INVITATION_REVOKED");
    expect(await outcomeCode(invitationService.revoke(admin, { invitationId: revoked.id }))).toBe("INVITATION_NOT_FOUND");
    expect(await outcomeCode(invitationService.accept(someone, "x".repeat(32)))).toBe("INVITATION_NOT_FOUND");
  });

  it("an email-bound link only works for that email (any case)", async () => {
    const { fx, admin } = await setup();
    const invited = await createUser(t.db, "Invited");
    const created = await invitationService.create(admin, { role: "commenter", email: invited.email.toUpperCase(), expiresInDays: 7 });
    const other = await createUser(t.db, "Other");
    expect(await outcomeCode(invitationService.accept(serviceContext(t.db, other), tokenOf(created.url)))).toBe("INVITATION_EMAIL_MISMATCH");
    expect(await outcomeCode(invitationService.accept(serviceContext(t.db, invited), tokenOf(created.url)))).toBe("ok");
    expect((await workspaceContext(t.db, invited, fx.workspace.id)).role).toBe("commenter");
  });

  it("a member opening a link is sent in without using it up", async () => {
    const { fx, admin } = await setup();
    const created = await invitationService.create(admin, { role: "admin", expiresInDays: 7 });
    const result = await invitationService.accept(serviceContext(t.db, fx.members.viewer), tokenOf(created.url));
    expect(result.alreadyMember).toBe(true);
    expect((await workspaceContext(t.db, fx.members.viewer, fx.workspace.id)).role).toBe("viewer");
    expect((await invitationService.preview(t.db, tokenOf(created.url))).status).toBe("open");
  });

  it("two people racing for one link: one joins, the other is told it was used", async () => {
    const { fx, admin } = await setup();
    const created = await invitationService.create(admin, { role: "viewer", expiresInDays: 7 });
    const [a, b] = [await createUser(t.db, "Racer A"), await createUser(t.db, "Racer B")];
    // Hold the invitation row so both get past the status check before either claims it.
    let racing: Promise<string[]> | undefined;
    await t.sql.begin(async (tx) => {
      await tx`select id from invitation where id = ${created.id} for update`;
      racing = Promise.all([
        outcomeCode(invitationService.accept(serviceContext(t.db, a), tokenOf(created.url))),
        outcomeCode(invitationService.accept(serviceContext(t.db, b), tokenOf(created.url))),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    const results = await racing!;
    expect(results.sort()).toEqual(["INVITATION_USED", "ok"]);
    const members = await t.db.select().from(member).where(eq(member.workspaceId, fx.workspace.id));
    expect(members.filter((m) => m.userId === a.id || m.userId === b.id)).toHaveLength(1);
  });
});
