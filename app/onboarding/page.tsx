import type { Metadata } from "next";
import { Logo } from "@/components/logo";
import { CreateWorkspaceForm } from "@/components/workspace/create-workspace-form";
import { requireServiceContext } from "@/server/auth/session";

export const metadata: Metadata = { title: "Create a workspace" };
export const dynamic = "force-dynamic";

export default async function OnboardingPage() {
  const ctx = await requireServiceContext("/onboarding");
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-12">
      <Logo className="mb-8" />
      <div className="w-full max-w-md rounded-xl border bg-surface p-7 shadow-sm">
        <h1 className="text-lg font-semibold">Welcome, {ctx.user.name.split(" ")[0]}</h1>
        <p className="mb-6 mt-1 text-sm text-muted-foreground">
          Create a workspace for your team. You can invite people and add projects next.
        </p>
        <CreateWorkspaceForm />
      </div>
    </main>
  );
}
