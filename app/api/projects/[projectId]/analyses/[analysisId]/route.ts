import { isAppError } from "@/core/errors";
import { analysisIdSchema } from "@/core/patterns/inputs";
import { workspaceIdSchema } from "@/core/workspace/schemas";
import { getAuth } from "@/server/auth/auth";
import { getAppDeps } from "@/server/deps";
import { patternService } from "@/server/services/pattern-service";
import { workspaceService } from "@/server/services/workspace-service";

/** GET /api/projects/:projectId/analyses/:analysisId?workspaceId=… — the analysis as JSON (metaforge.pattern-analysis). */
export async function GET(req: Request, { params }: { params: Promise<{ analysisId: string }> }) {
  const analysisId = analysisIdSchema.safeParse((await params).analysisId);
  const workspaceId = workspaceIdSchema.safeParse(new URL(req.url).searchParams.get("workspaceId"));
  if (!analysisId.success || !workspaceId.success) return Response.json({ error: "Not an analysis." }, { status: 400 });
  const session = await getAuth().api.getSession({ headers: req.headers });
  if (!session) return Response.json({ error: "Sign in to download." }, { status: 401 });
  try {
    const deps = getAppDeps();
    const ws = await workspaceService.enter({ ...deps, user: { id: session.user.id, name: session.user.name, email: session.user.email } }, workspaceId.data);
    const { name, analysis } = await patternService.exportJson(ws, { analysisId: analysisId.data });
    const file = `${name.replace(/[^A-Za-z0-9._-]+/g, "-").toLowerCase() || "analysis"}.patterns.json`;
    return new Response(JSON.stringify(analysis, null, 2), {
      headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="${file}"`, "cache-control": "no-store" },
    });
  } catch (error) {
    if (isAppError(error)) return Response.json({ error: error.message }, { status: error.transport.http });
    throw error;
  }
}
