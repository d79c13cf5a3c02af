"use client";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { authClient } from "@/lib/auth-client";

const LABELS = { github: "Continue with GitHub", google: "Continue with Google" } as const;

/** Shown only for the providers whose env vars are set on the server. */
export function OAuthButtons({ providers, next }: { providers: Array<"github" | "google">; next: string }) {
  const [pending, setPending] = useState<string | null>(null);
  if (providers.length === 0) return null;
  return (
    <div className="grid gap-2">
      {providers.map((provider) => (
        <Button
          key={provider}
          type="button"
          variant="secondary"
          loading={pending === provider}
          onClick={async () => {
            setPending(provider);
            const { error } = await authClient.signIn.social({ provider, callbackURL: next });
            if (error) {
              toast.error(error.message ?? "Could not start the sign-in. Try again.");
              setPending(null);
            }
          }}
        >
          {LABELS[provider]}
        </Button>
      ))}
      <div className="my-2 flex items-center gap-3 text-xs text-muted-foreground">
        <span className="h-px flex-1 bg-border" />
        or
        <span className="h-px flex-1 bg-border" />
      </div>
    </div>
  );
}
