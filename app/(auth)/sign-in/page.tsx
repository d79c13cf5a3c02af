import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { DEMO_USER } from "@/db/seed";
import { enabledOAuthProviders, getEnv } from "@/server/env";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default function SignInPage() {
  const env = getEnv();
  return (
    <SignInForm
      providers={enabledOAuthProviders(env)}
      demo={env.SEED_DEMO ? { email: DEMO_USER.email, password: DEMO_USER.password } : null}
    />
  );
}
