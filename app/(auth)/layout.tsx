import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { Logo } from "@/components/logo";
import { getServerSession } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  // Already signed in: the sign-in and sign-up pages have nothing to offer.
  if (await getServerSession()) redirect("/");
  return (
    <main className="relative flex min-h-dvh flex-col items-center justify-center px-4 py-12">
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-0 -z-10 bg-[radial-gradient(ellipse_at_top,var(--accent-soft),transparent_60%)]"
      />
      <Logo className="mb-8" />
      <div className="w-full max-w-sm rounded-xl border bg-surface p-7 shadow-sm">{children}</div>
      <p className="mt-8 max-w-sm text-center text-xs text-muted-foreground">
        Capture the repetition in your code as meta-models and templates, edit models together, and generate.
      </p>
    </main>
  );
}
