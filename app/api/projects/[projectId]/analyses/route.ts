import { AppError, isAppError } from "@/core/errors";
import { PATTERN_LIMITS } from "@/core/patterns/inputs";
import { projectIdSchema } from "@/core/project/schemas";
import { workspaceIdSchema } from "@/core/workspace/schemas";
import { getAuth } from "@/server/auth/auth";
import { getAppDeps } from "@/server/deps";
import { patternService } from "@/server/services/pattern-service";
import { workspaceService } from "@/server/services/workspace-service";

/**
 * POST /api/projects/:projectId/analyses?workspaceId=… — multipart upload of a zip (`zip`) or of a
 * folder's files (`file` + `path` pairs), plus an optional `name`; queues an analysis and returns it.
 * Editors and above; limits and refusals (zip-slip, symlinks, sizes) in server/patterns/upload.ts.
 */
export async function POST(req: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const projectId = projectIdSchema.safeParse((await params).projectId);
  const workspaceId = workspaceIdSchema.safeParse(new URL(req.url).searchParams.get("workspaceId"));
  if (!projectId.success || !workspaceId.success) return Response.json({ error: "Not a project." }, { status: 400 });
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > PATTERN_LIMITS.maxUploadBytes + 1024 * 1024) {
    return Response.json({ error: `The upload is over the limit of ${Math.round(PATTERN_LIMITS.maxUploadBytes / 1024 / 1024)} MB. Upload a sub-folder.` }, { status: 413 });
  }
  const session = await getAuth().api.getSession({ headers: req.headers });
  if (!session) return Response.json({ error: "Sign in to upload." }, { status: 401 });
  try {
    const deps = getAppDeps();
    const ws = await workspaceService.enter({ ...deps, user: { id: session.user.id, name: session.user.name, email: session.user.email } }, workspaceId.data);
    const analysis = await patternService.createFromUpload(ws, {
      projectId: projectId.data,
      form: async () => {
        try {
          return await req.formData();
        } catch {
          throw new AppError("INVALID_FILE", "The upload could not be read. Try again.");
        }
      },
    });
    return Response.json({ id: analysis.id, status: analysis.status }, { status: 201 });
  } catch (error) {
    if (isAppError(error)) return Response.json({ error: error.message, code: error.code }, { status: error.transport.http });
    throw error;
  }
}
