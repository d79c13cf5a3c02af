"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { Suspense, useState, type FormEvent } from "react";
import { z } from "zod";
import { signInInput } from "@/core/auth/schemas";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { authClient } from "@/lib/auth-client";
import { safeNextPath } from "@/lib/utils";
import { OAuthButtons } from "./oauth-buttons";

type Errors = Partial<Record<"email" | "password" | "form", string>>;

export function authErrorMessage(error: { status?: number; message?: string; code?: string }): string {
  if (error.status === 429) return "Too many attempts. Wait a few seconds and try again.";
  if (error.code === "INVALID_EMAIL_OR_PASSWORD" || error.status === 401) return "Wrong email or password. Check both and try again.";
  if (error.code === "USER_ALREADY_EXISTS" || error.code === "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL") {
    return "An account with this email already exists. Sign in instead.";
  }
  return error.message ?? "Something went wrong. Try again.";
}

function SignInFormInner({
  providers,
  demo,
}: {
  providers: Array<"github" | "google">;
  demo: { email: string; password: string } | null;
}) {
  const router = useRouter();
  const next = safeNextPath(useSearchParams().get("next"));
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = signInInput.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) {
      const fields = z.flattenError(parsed.error).fieldErrors;
      setErrors({ email: fields.email?.[0], password: fields.password?.[0] });
      return;
    }
    setErrors({});
    setPending(true);
    const { error } = await authClient.signIn.email(parsed.data);
    if (error) {
      setErrors({ form: authErrorMessage(error) });
      setPending(false);
      return;
    }
    router.replace(next);
    router.refresh();
  }

  return (
    <>
      <h1 className="text-lg font-semibold">Sign in</h1>
      <p className="mb-6 mt-1 text-sm text-muted-foreground">Welcome back. Pick up where your team left off.</p>
      <OAuthButtons providers={providers} next={next} />
      <form className="grid gap-4" onSubmit={onSubmit} noValidate>
        <Field label="Email" htmlFor="email" error={errors.email}>
          <Input id="email" name="email" type="email" autoComplete="email" autoFocus aria-invalid={!!errors.email} />
        </Field>
        <Field label="Password" htmlFor="password" error={errors.password}>
          <Input id="password" name="password" type="password" autoComplete="current-password" aria-invalid={!!errors.password} />
        </Field>
        {errors.form ? (
          <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
            {errors.form}
          </p>
        ) : null}
        <Button type="submit" loading={pending} className="mt-1">
          Sign in
        </Button>
      </form>
      <p className="mt-6 text-center text-sm text-muted-foreground">
        New to Metaforge?{" "}
        <Link className="font-medium text-accent hover:underline" href={`/sign-up?next=${encodeURIComponent(next)}`}>
          Create an account
        </Link>
      </p>
      {demo ? (
        <p className="mt-4 rounded-md bg-surface-muted px-3 py-2 text-center text-xs text-muted-foreground">
          Exploring? Sign in as <span className="font-mono text-foreground">{demo.email}</span> with password{" "}
          <span className="font-mono text-foreground">{demo.password}</span>.
        </p>
      ) : null}
    </>
  );
}

export function SignInForm(props: Parameters<typeof SignInFormInner>[0]) {
  return (
    <Suspense>
      <SignInFormInner {...props} />
    </Suspense>
  );
}
