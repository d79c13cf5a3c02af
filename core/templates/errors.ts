/** A problem in a template, located precisely enough to jump to it in the editor. */
export interface TemplateProblem {
  /** The template file's id, or null for a partial. */
  fileId: string | null;
  /** "path" or "body" of a file, or the partial's name. */
  part: "path" | "body" | { partial: string };
  line: number;
  column: number;
  message: string;
  /** The object being rendered when it happened (per-object files). */
  objectId?: string;
}

export function describeProblem(p: TemplateProblem, fileLabel: string): string {
  const where = typeof p.part === "string" ? `${fileLabel} (${p.part})` : `partial "${p.part.partial}"`;
  return `${where}, line ${p.line}, column ${p.column}: ${p.message}`;
}
