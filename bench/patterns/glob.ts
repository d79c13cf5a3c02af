/**
 * The few glob forms the corpus table uses, as regular expressions over `/`-separated relative paths:
 * `*` (within one segment), `?`, `**` (any number of segments, `**\/` may match none) and `{a,b}`.
 */
export function globToRegExp(glob: string): RegExp {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") {
      if (glob[i + 1] === "*") {
        if (glob[i + 2] === "/") {
          out += "(?:.*/)?";
          i += 2;
        } else {
          out += ".*";
          i += 1;
        }
      } else out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else if (c === "{") {
      const close = glob.indexOf("}", i);
      if (close < 0) throw new Error(`unclosed { in glob ${glob}`);
      out += `(?:${glob
        .slice(i + 1, close)
        .split(",")
        .map(escape)
        .join("|")})`;
      i = close;
    } else out += escape(c);
  }
  return new RegExp(`^${out}$`);
}

const escape = (s: string) => s.replace(/[.+^${}()|[\]\\*?]/g, "\\$&");

/** True when `path` matches one of `include` and none of `exclude`. */
export function matchesGlobs(path: string, include: readonly string[], exclude: readonly string[] = []): boolean {
  return include.some((g) => globToRegExp(g).test(path)) && !exclude.some((g) => globToRegExp(g).test(path));
}
