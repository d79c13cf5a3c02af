import { z } from "zod";

/** Sign-up and sign-in form input (better-auth validates again on the server with the same limits). */

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const signInInput = z.object({
  email: z.email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password."),
});

export const signUpInput = z.object({
  name: z.string().trim().min(1, "Tell us your name.").max(80, "Keep the name under 80 characters."),
  email: z.email("Enter a valid email address."),
  password: z
    .string()
    .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
    .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`),
});

export type SignInInput = z.infer<typeof signInInput>;
export type SignUpInput = z.infer<typeof signUpInput>;
