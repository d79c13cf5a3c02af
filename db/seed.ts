import { eq } from "drizzle-orm";
import type { Logger } from "pino";
import type { Auth } from "../server/auth/auth";
import type { Db } from "./client";
import { insertMember } from "./queries/members";
import { insertProject, updateProject } from "./queries/projects";
import { insertWorkspace } from "./queries/workspaces";
import { appMeta, user } from "./schema";

/** The demo workspace seeded on the first start (only once: deleting it later does not bring it back). */

export const DEMO_USER = { name: "Demo User", email: "demo@metaforge.dev", password: "metaforge-demo" } as const;
export const DEMO_WORKSPACE = { name: "Demo Workspace", slug: "demo" } as const;

const DEMO_PROJECTS = [
  {
    name: "Online shop",
    description: "Customers, orders and products: a small domain to generate TypeScript types and SQL tables from.",
  },
  {
    name: "Billing API",
    description: "A REST resource API for invoices and payments, generated as OpenAPI 3.1 and a CRUD service.",
  },
  {
    name: "Order workflow",
    description: "The order lifecycle as a state machine: placed, paid, shipped, delivered, returned.",
  },
  {
    name: "Legacy importer",
    description: "An earlier experiment, kept archived for reference.",
    archived: true,
  },
];

const SEEDED_KEY = "demo_seeded";

export type SeedResult = { seeded: false } | { seeded: true; email: string; password: string };

export async function seedDemo(deps: { db: Db; auth: Auth; log: Logger }): Promise<SeedResult> {
  const { db, auth } = deps;
  const done = await db.select().from(appMeta).where(eq(appMeta.key, SEEDED_KEY)).limit(1);
  if (done.length > 0) return { seeded: false };

  let demo = (await db.select({ id: user.id }).from(user).where(eq(user.email, DEMO_USER.email)).limit(1))[0];
  if (!demo) {
    const created = await auth.api.signUpEmail({ body: { ...DEMO_USER } });
    demo = { id: created.user.id };
  }

  await db.transaction(async (tx) => {
    const ws = await insertWorkspace(tx, { ...DEMO_WORKSPACE, createdById: demo.id });
    await insertMember(tx, { workspaceId: ws.id, userId: demo.id, role: "owner" });
    for (const p of DEMO_PROJECTS) {
      const { id } = await insertProject(tx, {
        workspaceId: ws.id,
        name: p.name,
        description: p.description,
        createdById: demo.id,
      });
      if (p.archived) await updateProject(tx, { workspaceId: ws.id, projectId: id, patch: { archivedAt: new Date() } });
    }
    await tx.insert(appMeta).values({ key: SEEDED_KEY, value: { at: new Date().toISOString() } });
  });
  deps.log.info({ workspace: DEMO_WORKSPACE.slug }, "demo workspace seeded");
  return { seeded: true, email: DEMO_USER.email, password: DEMO_USER.password };
}
