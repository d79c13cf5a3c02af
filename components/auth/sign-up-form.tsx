"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { Suspense, useState, type FormEvent } from "react";
import { z } from "zod";
import { PASSWORD_MIN, signUpInput } from "@/core/auth/schemas";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { authClient } from "@/lib/auth-client";
import { safeNextPath } from "@/lib/utils";
import { OAuthButtons } from "./oauth-buttons";
import { authErrorMessage } from "./sign-in-form";

type Errors = Partial<Record<"name" | "email" | "password" | "form", string>>;

function SignUpFormInner({ providers }: { providers: Array<"github" | "google"> }) {
  const router = useRouter();
  const next = safeNextPath(useSearchParams().get("next"), "/onboarding");
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = signUpInput.safeParse({
      name: form.get("name"),
      email: form.get("email"),
      password: form.get("password"),
    });
    if (!parsed.success) {
      const fields = z.flattenError(parsed.error).fieldErrors;
      setErrors({ name: fields.name?.[0], email: fields.email?.[0], password: fields.password?.[0] });
      return;
    }
    setErrors({});
    setPending(true);
    const { error } = await authClient.signUp.email(parsed.data);
    if (error) {
      setErrors({ form: authErrorMessage(error) });
      setPending(false);
      return;
    }
    router.replace(next === "/" ? "/onboarding" : next);
    router.refresh();
  }

  return (
    <>
      <h1 className="text-lg font-semibold">Create your account</h1>
      <p className="mb-6 mt-1 text-sm text-muted-foreground">Free for your team. Takes a few seconds.</p>
      <OAuthButtons providers={providers} next={next} />
      <form className="grid gap-4" onSubmit={onSubmit} noValidate>
        <Field label="Name" htmlFor="name" error={errors.name}>
          <Input id="name" name="name" autoComplete="name" autoFocus aria-invalid={!!errors.name} />
        </Field>
        <Field label="Work email" htmlFor="email" error={errors.email}>
          <Input id="email" name="email" type="email" autoComplete="email" aria-invalid={!!errors.email} />
        </Field>
        <Field
          label="Password"
          htmlFor="password"
          error={errors.password}
          hint={`At least ${PASSWORD_MIN} characters.`}
        >
          <Input id="password" name="password" type="password" autoComplete="new-password" aria-invalid={!!errors.password} />
        </Field>
        {errors.form ? (
          <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
            {errors.form}
          </p>
        ) : null}
        <Button type="submit" loading={pending} className="mt-1">
          Create account
        </Button>
      </form>
      <p className="mt-6 text-center text-sm text-muted-foreground">
        Already have an account?{" "}
        <Link className="font-medium text-accent hover:underline" href={`/sign-in?next=${encodeURIComponent(next)}`}>
          Sign in
        </Link>
      </p>
    </>
  );
}

export function SignUpForm(props: { providers: Array<"github" | "google"> }) {
  return (
    <Suspense>
      <SignUpFormInner {...props} />
    </Suspense>
  );
}
