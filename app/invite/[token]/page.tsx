import type { Metadata } from "next";
import Link from "next/link";
import { isAppError } from "@/core/errors";
import { invitationTokenSchema } from "@/core/workspace/schemas";
import { Logo } from "@/components/logo";
import { InviteCard, type InvitePreview } from "@/components/invite/invite-card";
import { getDb } from "@/db/client";
import { getServerSession } from "@/server/auth/session";
import { invitationService } from "@/server/services/invitation-service";

export const metadata: Metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let preview: InvitePreview | null = null;
  if (invitationTokenSchema.safeParse(token).success) {
    try {
      preview = await invitationService.preview(getDb(), token);
    } catch (error) {
      if (!isAppError(error)) throw error;
    }
  }
  const session = await getServerSession();
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-12">
      <Logo className="mb-8" />
      <div className="w-full max-w-sm rounded-xl border bg-surface p-7 shadow-sm">
        {preview ? (
          <InviteCard
            token={token}
            preview={preview}
            user={session ? { name: session.user.name, email: session.user.email } : null}
          />
        ) : (
          <div className="text-center">
            <h1 className="text-lg font-semibold">Invitation not found</h1>
            <p className="mt-1 text-sm text-muted-foreground">
              This link is not valid. Ask a workspace admin to create a new invitation.
            </p>
            <Link href="/" className="mt-6 inline-block text-sm font-medium text-accent hover:underline">
              Go to Metaforge
            </Link>
          </div>
        )}
      </div>
    </main>
  );
}
