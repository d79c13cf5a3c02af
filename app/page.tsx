import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { requireServiceContext } from "@/server/auth/session";
import { workspaceService } from "@/server/services/workspace-service";

export const dynamic = "force-dynamic";

/** Sends you to your last workspace, your first one, or onboarding. */
export default async function Home() {
  const ctx = await requireServiceContext("/");
  const workspaces = await workspaceService.list(ctx);
  const last = (await cookies()).get("mf_ws")?.value;
  const target = workspaces.find((w) => w.slug === last) ?? workspaces[0];
  redirect(target ? `/w/${target.slug}` : "/onboarding");
}
