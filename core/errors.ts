/**
 * The one error table. Services (and core functions) throw `AppError` with a code; the tRPC layer and
 * route handlers map the code to a transport status through `ERROR_TABLE`. Clients switch on `code`.
 */

export const ERROR_TABLE = {
  VALIDATION_FAILED: { trpc: "BAD_REQUEST", http: 400 },
  CONFIRMATION_MISMATCH: { trpc: "BAD_REQUEST", http: 400 },
  INVALID_FILE: { trpc: "BAD_REQUEST", http: 400 },
  UNAUTHENTICATED: { trpc: "UNAUTHORIZED", http: 401 },
  FORBIDDEN: { trpc: "FORBIDDEN", http: 403 },
  INVITATION_EMAIL_MISMATCH: { trpc: "FORBIDDEN", http: 403 },
  WORKSPACE_NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  PROJECT_NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  MEMBER_NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  INVITATION_NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  METAMODEL_NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  METAMODEL_VERSION_NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  MODEL_NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  TEMPLATE_NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  TEMPLATE_VERSION_NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  RUN_NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  ANALYSIS_NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  GROUP_NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  SLUG_TAKEN: { trpc: "CONFLICT", http: 409 },
  PROJECT_NAME_TAKEN: { trpc: "CONFLICT", http: 409 },
  LAST_OWNER: { trpc: "CONFLICT", http: 409 },
  ALREADY_MEMBER: { trpc: "CONFLICT", http: 409 },
  VERSION_EXISTS: { trpc: "CONFLICT", http: 409 },
  INVITATION_EXPIRED: { trpc: "PRECONDITION_FAILED", http: 412 },
  INVITATION_REVOKED: { trpc: "PRECONDITION_FAILED", http: 412 },
  INVITATION_USED: { trpc: "PRECONDITION_FAILED", http: 412 },
  PROJECT_ARCHIVED: { trpc: "PRECONDITION_FAILED", http: 412 },
  METAMODEL_MISMATCH: { trpc: "PRECONDITION_FAILED", http: 412 },
  METAMODEL_INVALID: { trpc: "PRECONDITION_FAILED", http: 412 },
  TEMPLATE_INVALID: { trpc: "PRECONDITION_FAILED", http: 412 },
  ANALYSIS_NOT_READY: { trpc: "PRECONDITION_FAILED", http: 412 },
  INTERNAL: { trpc: "INTERNAL_SERVER_ERROR", http: 500 },
} as const satisfies Record<string, { trpc: TransportCode; http: number }>;

/** The subset of tRPC error codes the table maps to (kept as strings so core imports no framework). */
export type TransportCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "INTERNAL_SERVER_ERROR";

export type AppErrorCode = keyof typeof ERROR_TABLE;

export class AppError extends Error {
  override readonly name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Field-level problems, shaped like zod's flattened `fieldErrors` so forms show them per field. */
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
  }

  get transport() {
    return ERROR_TABLE[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
