import { createHash } from "node:crypto";

/** Hex SHA-256 of a text's UTF-8 bytes. */
export const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");
