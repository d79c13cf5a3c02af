import { strToU8, zipSync } from "fflate";
import { isAppError } from "@/core/errors";
import { runIdSchema } from "@/core/templates/inputs";
import { workspaceIdSchema } from "@/core/workspace/schemas";
import { getAuth } from "@/server/auth/auth";
import { getAppDeps } from "@/server/deps";
import { generationService } from "@/server/services/generation-service";
import { workspaceService } from "@/server/services/workspace-service";

/** GET /api/runs/:runId/zip?workspaceId=… — the run's files as a zip, for members of the workspace. */
export async function GET(req: Request, { params }: { params: Promise<{ runId: string }> }) {
  const runId = runIdSchema.safeParse((await params).runId);
  const workspaceId = workspaceIdSchema.safeParse(new URL(req.url).searchParams.get("workspaceId"));
  if (!runId.success || !workspaceId.success) return Response.json({ error: "Not a generation run." }, { status: 400 });
  const session = await getAuth().api.getSession({ headers: req.headers });
  if (!session) return Response.json({ error: "Sign in to download." }, { status: 401 });
  try {
    const deps = getAppDeps();
    const ws = await workspaceService.enter({ ...deps, user: { id: session.user.id, name: session.user.name, email: session.user.email } }, workspaceId.data);
    const { run, files } = await generationService.contents(ws, { runId: runId.data });
    const zip = zipSync(Object.fromEntries(files.map((f) => [f.path, strToU8(f.content ?? "")])), { level: 6 });
    const name = `${run.modelName}-${run.templateName}-${run.templateVersion}`.replace(/[^A-Za-z0-9._-]+/g, "-").toLowerCase();
    return new Response(zip, {
      headers: { "content-type": "application/zip", "content-disposition": `attachment; filename="${name}.zip"`, "cache-control": "no-store" },
    });
  } catch (error) {
    if (isAppError(error)) return Response.json({ error: error.message }, { status: error.transport.http });
    throw error;
  }
}
