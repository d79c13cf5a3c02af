import { TRPCClientError } from "@trpc/client";
import type { AppErrorCode } from "@/core/errors";

/** What the UI needs from a failed call: a sentence, the domain code, and per-field messages for forms. */
export interface UiError {
  message: string;
  code: AppErrorCode | null;
  fieldErrors: Record<string, string[] | undefined>;
}

interface ErrorData {
  appCode?: AppErrorCode | null;
  fieldErrors?: Record<string, string[] | undefined> | null;
  code?: string;
}

export function toUiError(error: unknown): UiError {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as ErrorData;
    if (data.code === "UNAUTHORIZED") {
      return { message: "Your session has ended. Sign in again.", code: "UNAUTHENTICATED", fieldErrors: {} };
    }
    const offline = error.message === "Failed to fetch" || error.message.includes("fetch failed");
    return {
      message: offline ? "Cannot reach the server. Check that it is running, then try again." : error.message,
      code: data.appCode ?? null,
      fieldErrors: data.fieldErrors ?? {},
    };
  }
  if (error instanceof Error) return { message: error.message, code: null, fieldErrors: {} };
  return { message: "Something went wrong. Try again.", code: null, fieldErrors: {} };
}
