import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createAuth } from "../server/auth/auth";
import { parseEnv } from "../server/env";
import { silentLogger, useTestDatabase } from "../test/db";
import { project, workspace } from "./schema";
import { DEMO_USER, DEMO_WORKSPACE, seedDemo } from "./seed";

const t = useTestDatabase();

describe("seedDemo", () => {
  it("seeds the demo workspace on the first start only, and the demo user can sign in", async () => {
    const auth = createAuth(t.db, parseEnv({ BETTER_AUTH_SECRET: "seed-test-".padEnd(40, "s") }));
    const first = await seedDemo({ db: t.db, auth, log: silentLogger });
    expect(first).toEqual({ seeded: true, email: DEMO_USER.email, password: DEMO_USER.password });

    const [ws] = await t.db.select().from(workspace).where(eq(workspace.slug, DEMO_WORKSPACE.slug));
    const projects = await t.db.select().from(project).where(eq(project.workspaceId, ws!.id));
    expect(projects).toHaveLength(4);
    expect(projects.filter((p) => p.archivedAt !== null).map((p) => p.name)).toEqual(["Legacy importer"]);

    const signIn = await auth.api.signInEmail({ body: { email: DEMO_USER.email, password: DEMO_USER.password } });
    expect(signIn.user.email).toBe(DEMO_USER.email);

    // Deleting the demo workspace must not bring it back on the next start.
    await t.db.delete(workspace).where(eq(workspace.id, ws!.id));
    expect(await seedDemo({ db: t.db, auth, log: silentLogger })).toEqual({ seeded: false });
    expect(await t.db.select().from(workspace).where(eq(workspace.slug, DEMO_WORKSPACE.slug))).toHaveLength(0);
  });
});
