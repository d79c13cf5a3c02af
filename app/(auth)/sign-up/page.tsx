import type { Metadata } from "next";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { enabledOAuthProviders, getEnv } from "@/server/env";

export const metadata: Metadata = { title: "Create your account" };
export const dynamic = "force-dynamic";

export default function SignUpPage() {
  return <SignUpForm providers={enabledOAuthProviders(getEnv())} />;
}
