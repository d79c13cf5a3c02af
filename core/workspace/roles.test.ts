import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  assignableRoles,
  can,
  canChangeRole,
  canRemoveMember,
  forbiddenMessage,
  keepsAnOwner,
  ROLES,
  type Action,
  type Role,
} from "./roles";

describe("can(role, action)", () => {
  // The expected matrix, written out by hand: a change to the rules must change this table too.
  const allowed: Record<Action, Role[]> = {
    "workspace:read": ["owner", "admin", "editor", "commenter", "viewer"],
    "workspace:update": ["owner", "admin"],
    "workspace:delete": ["owner"],
    "member:read": ["owner", "admin", "editor", "commenter", "viewer"],
    "member:manage": ["owner", "admin"],
    "invitation:read": ["owner", "admin"],
    "invitation:manage": ["owner", "admin"],
    "project:read": ["owner", "admin", "editor", "commenter", "viewer"],
    "project:create": ["owner", "admin", "editor"],
    "project:update": ["owner", "admin", "editor"],
    "project:archive": ["owner", "admin", "editor"],
    "project:delete": ["owner", "admin"],
    "document:edit": ["owner", "admin", "editor"],
    "comment:create": ["owner", "admin", "editor", "commenter"],
  };

  it("lists every action", () => {
    expect(Object.keys(allowed).sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  for (const [action, roles] of Object.entries(allowed) as Array<[Action, Role[]]>) {
    it(action, () => {
      expect(ROLES.filter((r) => can(r, action))).toEqual(roles);
    });
  }
});

describe("role changes", () => {
  it("admins may assign up to admin, owners anything, others nothing", () => {
    expect(assignableRoles("owner")).toEqual(["owner", "admin", "editor", "commenter", "viewer"]);
    expect(assignableRoles("admin")).toEqual(["admin", "editor", "commenter", "viewer"]);
    expect(assignableRoles("editor")).toEqual([]);
    expect(assignableRoles("viewer")).toEqual([]);
  });

  it("only owners touch owners", () => {
    expect(canChangeRole("admin", "owner", "viewer")).toMatchObject({ ok: false });
    expect(canChangeRole("admin", "editor", "owner")).toMatchObject({ ok: false });
    expect(canChangeRole("admin", "editor", "admin")).toEqual({ ok: true });
    expect(canChangeRole("owner", "owner", "admin")).toEqual({ ok: true });
    expect(canChangeRole("editor", "viewer", "commenter")).toMatchObject({ ok: false });
  });

  it("removal follows the same ladder", () => {
    expect(canRemoveMember("admin", "owner").ok).toBe(false);
    expect(canRemoveMember("admin", "admin").ok).toBe(true);
    expect(canRemoveMember("owner", "owner").ok).toBe(true);
    expect(canRemoveMember("editor", "viewer").ok).toBe(false);
  });

  it("keeps at least one owner", () => {
    expect(keepsAnOwner(1, "owner")).toBe(false);
    expect(keepsAnOwner(2, "owner")).toBe(true);
    expect(keepsAnOwner(1, "admin")).toBe(true);
  });
});

describe("forbiddenMessage", () => {
  it("names the role, the action and the next step", () => {
    expect(forbiddenMessage("viewer", "project:create")).toBe(
      "Viewers can't create projects. Ask a workspace admin for the editor role.",
    );
  });
});
