import Link from "next/link";
import { Logo } from "@/components/logo";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 text-center">
      <Logo className="mb-8" />
      <h1 className="text-lg font-semibold">Nothing here</h1>
      <p className="mt-1 max-w-sm text-sm text-muted-foreground">
        This page does not exist, or it belongs to a workspace you are not a member of. Ask its owner for an invitation.
      </p>
      <Link href="/" className="mt-6 text-sm font-medium text-accent hover:underline">
        Go to your workspaces
      </Link>
    </main>
  );
}
