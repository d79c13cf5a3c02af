import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAppDeps } from "../deps";
import type { ServiceContext } from "../services/context";
import { getAuth } from "./auth";

/** Session helpers for server components and route handlers. */

export async function getServerSession() {
  return getAuth().api.getSession({ headers: await headers() });
}

/** The signed-in user's service context, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireServiceContext(returnTo: string): Promise<ServiceContext> {
  const session = await getServerSession();
  if (!session) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`);
  return { ...getAppDeps(), user: { id: session.user.id, name: session.user.name, email: session.user.email } };
}
