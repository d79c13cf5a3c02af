import { createHmac } from "node:crypto";
import { jwtVerify, SignJWT, errors as joseErrors } from "jose";
import { z } from "zod";
import { roleSchema, type Role } from "../core/workspace/roles";

/**
 * Connection tokens for the collab-server: short-lived, signed by the app (HS256 with a key derived
 * from BETTER_AUTH_SECRET), naming the one document, the user and their role. The app signs after it
 * has authorized the user for the document; the collab-server only verifies.
 */

export const COLLAB_TOKEN_TTL_SECONDS = 5 * 60;
const ISSUER = "metaforge-app";
const AUDIENCE = "metaforge-collab";

export const collabClaimsSchema = z.object({
  sub: z.string().min(1),
  doc: z.string().min(1),
  /** The workspace the document belongs to (revocations are per workspace). */
  ws: z.string().min(1),
  role: roleSchema,
  name: z.string(),
});
export type CollabClaims = z.infer<typeof collabClaimsSchema>;

/** A dedicated key, so a leaked collab token says nothing about session signatures. */
export function collabKey(authSecret: string): Uint8Array {
  return new Uint8Array(createHmac("sha256", authSecret).update("metaforge:collab-token:v1").digest());
}

export async function signCollabToken(
  authSecret: string,
  claims: { userId: string; name: string; documentName: string; workspaceId: string; role: Role },
  ttlSeconds = COLLAB_TOKEN_TTL_SECONDS,
): Promise<string> {
  return new SignJWT({ doc: claims.documentName, ws: claims.workspaceId, role: claims.role, name: claims.name })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(collabKey(authSecret));
}

export class CollabAuthError extends Error {
  override readonly name = "CollabAuthError";
}

/** Verifies a token for `documentName`; throws `CollabAuthError` saying why it is refused. */
export async function verifyCollabToken(authSecret: string, token: string, documentName: string): Promise<CollabClaims> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, collabKey(authSecret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
    }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new CollabAuthError("token expired");
    throw new CollabAuthError("token invalid");
  }
  const claims = collabClaimsSchema.safeParse(payload);
  if (!claims.success) throw new CollabAuthError("token malformed");
  if (claims.data.doc !== documentName) throw new CollabAuthError("token is for another document");
  return claims.data;
}
