/**
 * Template versions are semantic versions (MAJOR.MINOR.PATCH, no pre-release tags): published
 * versions are immutable, and a new one must be greater than every earlier one.
 */

export const SEMVER = /^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$/;

export type Semver = [number, number, number];

export function parseSemver(text: string): Semver | null {
  const m = SEMVER.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

export function compareSemver(a: string, b: string): number {
  const x = parseSemver(a);
  const y = parseSemver(b);
  if (!x || !y) throw new Error(`not a version: ${x ? b : a}`);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

/** Newest first. */
export function sortVersions(versions: string[]): string[] {
  return [...versions].sort((a, b) => compareSemver(b, a));
}

export function nextVersions(latest: string | null): { patch: string; minor: string; major: string } {
  const v = latest ? parseSemver(latest) : null;
  if (!v) return { patch: "0.1.0", minor: "0.1.0", major: "1.0.0" };
  const [major, minor, patch] = v;
  return { patch: `${major}.${minor}.${patch + 1}`, minor: `${major}.${minor + 1}.0`, major: `${major + 1}.0.0` };
}

/** Why `candidate` cannot be published after `existing`, or null when it can. */
export function versionProblem(candidate: string, existing: string[]): string | null {
  if (!parseSemver(candidate)) return 'Write the version as MAJOR.MINOR.PATCH, e.g. "1.1.0".';
  if (existing.includes(candidate.trim())) return `Version ${candidate} is already published; versions never change. Pick a higher one.`;
  const latest = sortVersions(existing)[0];
  if (latest && compareSemver(candidate, latest) <= 0) return `Version ${candidate} is not above the latest, ${latest}. Try ${nextVersions(latest).minor}.`;
  return null;
}
