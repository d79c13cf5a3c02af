import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../core/workspace/roles";
import * as Y from "yjs";
import { insertDocument } from "../../db/queries/collab";
import { insertInvitation } from "../../db/queries/invitations";
import { insertMetamodel } from "../../db/queries/metamodels";
import { insertMember } from "../../db/queries/members";
import { insertProject } from "../../db/queries/projects";
import { useTestDatabase } from "../../test/db";
import { createUser, createWorkspaceWithRoles, testDeps, type TestUser } from "../../test/fixtures";
import { appRouter, createCaller } from "./root";

/**
 * The authorization table: every procedure × every role × a member of another workspace.
 * Each case runs on a fresh workspace, so destructive procedures do not affect the others.
 */

const t = useTestDatabase();

type Fixture = Awaited<ReturnType<typeof build>>;

async function build() {
  const base = await createWorkspaceWithRoles(t.db);
  const ws = base.workspace.id;
  const project = await insertProject(t.db, { workspaceId: ws, name: "Shop", description: "", createdById: base.members.owner.id });
  const target = await createUser(t.db, "Target");
  const targetMember = await insertMember(t.db, { workspaceId: ws, userId: target.id, role: "viewer" });
  const invitation = await insertInvitation(t.db, {
    workspaceId: ws,
    token: `tok_${crypto.randomUUID().replaceAll("-", "")}`,
    role: "viewer",
    email: null,
    invitedById: base.members.owner.id,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  const mm = await insertMetamodel(t.db, {
    workspaceId: ws,
    projectId: project.id,
    name: "Domain",
    description: "",
    classCount: 0,
    enumCount: 0,
    createdById: base.members.owner.id,
  });
  await insertDocument(t.db, { name: `metamodel:${mm.id}`, workspaceId: ws, snapshot: Y.encodeStateAsUpdate(new Y.Doc()) });
  return { ...base, ws, projectId: project.id, metamodelId: mm.id, targetMemberId: targetMember.id, invitationId: invitation.id };
}

function callerFor(u: TestUser | null) {
  return createCaller({ ...testDeps(t.db), user: u });
}
type Caller = ReturnType<typeof callerFor>;

interface Case {
  allowed: readonly Role[];
  prepare?(fx: Fixture): Promise<void>;
  call(c: Caller, fx: Fixture): Promise<unknown>;
}

const ALL = ROLES;
const EDITORS = ["owner", "admin", "editor"] as const;
const ADMINS = ["owner", "admin"] as const;

/** Procedures scoped to a workspace (they take workspaceId). */
const WORKSPACE_TABLE: Record<string, Case> = {
  "workspace.update": { allowed: ADMINS, call: (c, f) => c.workspace.update({ workspaceId: f.ws, name: "Renamed" }) },
  "workspace.delete": {
    allowed: ["owner"],
    call: (c, f) => c.workspace.delete({ workspaceId: f.ws, confirmName: f.workspace.name }),
  },
  "workspace.leave": {
    allowed: ALL,
    // a second owner, so the owner's leaving is about permission and not the last-owner rule
    prepare: async (f) => {
      const other = await createUser(t.db, "Second Owner");
      await insertMember(t.db, { workspaceId: f.ws, userId: other.id, role: "owner" });
    },
    call: (c, f) => c.workspace.leave({ workspaceId: f.ws }),
  },
  "member.list": { allowed: ALL, call: (c, f) => c.member.list({ workspaceId: f.ws }) },
  "member.updateRole": {
    allowed: ADMINS,
    call: (c, f) => c.member.updateRole({ workspaceId: f.ws, memberId: f.targetMemberId, role: "commenter" }),
  },
  "member.remove": { allowed: ADMINS, call: (c, f) => c.member.remove({ workspaceId: f.ws, memberId: f.targetMemberId }) },
  "invitation.list": { allowed: ADMINS, call: (c, f) => c.invitation.list({ workspaceId: f.ws }) },
  "invitation.create": { allowed: ADMINS, call: (c, f) => c.invitation.create({ workspaceId: f.ws, role: "viewer", expiresInDays: 7 }) },
  "invitation.revoke": { allowed: ADMINS, call: (c, f) => c.invitation.revoke({ workspaceId: f.ws, invitationId: f.invitationId }) },
  "project.list": { allowed: ALL, call: (c, f) => c.project.list({ workspaceId: f.ws, status: "all" }) },
  "project.get": { allowed: ALL, call: (c, f) => c.project.get({ workspaceId: f.ws, projectId: f.projectId }) },
  "project.create": { allowed: EDITORS, call: (c, f) => c.project.create({ workspaceId: f.ws, name: "New one", description: "" }) },
  "project.update": { allowed: EDITORS, call: (c, f) => c.project.update({ workspaceId: f.ws, projectId: f.projectId, name: "Shop 2" }) },
  "project.archive": { allowed: EDITORS, call: (c, f) => c.project.archive({ workspaceId: f.ws, projectId: f.projectId }) },
  "project.unarchive": { allowed: EDITORS, call: (c, f) => c.project.unarchive({ workspaceId: f.ws, projectId: f.projectId }) },
  "metamodel.list": { allowed: ALL, call: (c, f) => c.metamodel.list({ workspaceId: f.ws, projectId: f.projectId }) },
  "metamodel.get": { allowed: ALL, call: (c, f) => c.metamodel.get({ workspaceId: f.ws, metamodelId: f.metamodelId }) },
  "metamodel.create": {
    allowed: EDITORS,
    call: (c, f) => c.metamodel.create({ workspaceId: f.ws, projectId: f.projectId, name: "New", source: { kind: "blank" } }),
  },
  "metamodel.delete": {
    allowed: EDITORS,
    call: (c, f) => c.metamodel.delete({ workspaceId: f.ws, metamodelId: f.metamodelId, confirmName: "Domain" }),
  },
  "metamodel.collabToken": { allowed: ALL, call: (c, f) => c.metamodel.collabToken({ workspaceId: f.ws, metamodelId: f.metamodelId }) },
  "project.delete": {
    allowed: ADMINS,
    call: (c, f) => c.project.delete({ workspaceId: f.ws, projectId: f.projectId, confirmName: "Shop" }),
  },
};

/** Procedures not scoped to one workspace, and who may call them. */
const USER_LEVEL = ["workspace.list", "workspace.bySlug", "workspace.create", "invitation.accept"];
const PUBLIC = ["invitation.preview"];

async function outcome(run: () => Promise<unknown>): Promise<"ok" | string> {
  try {
    await run();
    return "ok";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe("authorization table", () => {
  it("covers every procedure of the router", () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(procedures).toEqual([...Object.keys(WORKSPACE_TABLE), ...USER_LEVEL, ...PUBLIC].sort());
  });

  for (const [path, rule] of Object.entries(WORKSPACE_TABLE)) {
    describe(path, () => {
      for (const role of ROLES) {
        const expected = rule.allowed.includes(role) ? "ok" : "FORBIDDEN";
        it(`${role}: ${expected === "ok" ? "allowed" : "refused"}`, async () => {
          const fx = await build();
          await rule.prepare?.(fx);
          expect(await outcome(() => rule.call(callerFor(fx.members[role]), fx))).toBe(expected);
        });
      }
      it("member of another workspace: not found", async () => {
        const fx = await build();
        expect(await outcome(() => rule.call(callerFor(fx.outsider), fx))).toBe("NOT_FOUND");
      });
      it("signed out: unauthorized", async () => {
        const fx = await build();
        expect(await outcome(() => rule.call(callerFor(null), fx))).toBe("UNAUTHORIZED");
      });
    });
  }

  it("user-level procedures need a session; preview does not", async () => {
    const anonymous = callerFor(null);
    expect(await outcome(() => anonymous.workspace.list())).toBe("UNAUTHORIZED");
    expect(await outcome(() => anonymous.workspace.bySlug({ slug: "acme" }))).toBe("UNAUTHORIZED");
    expect(await outcome(() => anonymous.workspace.create({ name: "X" }))).toBe("UNAUTHORIZED");
    expect(await outcome(() => anonymous.invitation.accept({ token: "a".repeat(32) }))).toBe("UNAUTHORIZED");
    expect(await outcome(() => anonymous.invitation.preview({ token: "a".repeat(32) }))).toBe("NOT_FOUND");
  });
});

describe("a member of workspace A can never read or change workspace B", () => {
  it("bySlug and list show only the caller's workspaces", async () => {
    const fx = await build();
    const outsider = callerFor(fx.outsider);
    expect(await outcome(() => outsider.workspace.bySlug({ slug: fx.workspace.slug }))).toBe("NOT_FOUND");
    const list = await outsider.workspace.list();
    expect(list.map((w) => w.id)).toEqual([fx.otherWorkspace.id]);
  });

  it("ids from B are not found through A, for every project procedure", async () => {
    const fx = await build();
    const projectInB = await insertProject(t.db, {
      workspaceId: fx.otherWorkspace.id,
      name: "Secret",
      description: "",
      createdById: fx.outsider.id,
    });
    const ownerOfA = callerFor(fx.members.owner);
    const ref = { workspaceId: fx.ws, projectId: projectInB.id };
    expect(await outcome(() => ownerOfA.project.get(ref))).toBe("NOT_FOUND");
    expect(await outcome(() => ownerOfA.project.update({ ...ref, name: "Stolen" }))).toBe("NOT_FOUND");
    expect(await outcome(() => ownerOfA.project.archive(ref))).toBe("NOT_FOUND");
    expect(await outcome(() => ownerOfA.project.delete({ ...ref, confirmName: "Secret" }))).toBe("NOT_FOUND");
    const inB = await callerFor(fx.outsider).project.get({ workspaceId: fx.otherWorkspace.id, projectId: projectInB.id });
    expect(inB).toMatchObject({ name: "Secret", archivedAt: null });
  });

  it("members and invitations of B cannot be changed through A", async () => {
    const fx = await build();
    const viewerInB = await createUser(t.db, "B Viewer");
    const memberInB = await insertMember(t.db, { workspaceId: fx.otherWorkspace.id, userId: viewerInB.id, role: "viewer" });
    const ownerOfA = callerFor(fx.members.owner);
    expect(
      await outcome(() => ownerOfA.member.updateRole({ workspaceId: fx.ws, memberId: memberInB.id, role: "admin" })),
    ).toBe("NOT_FOUND");
    expect(await outcome(() => ownerOfA.member.remove({ workspaceId: fx.ws, memberId: memberInB.id }))).toBe("NOT_FOUND");
    const bMembers = await callerFor(fx.outsider).member.list({ workspaceId: fx.otherWorkspace.id });
    expect(bMembers.find((m) => m.id === memberInB.id)?.role).toBe("viewer");
  });
});
