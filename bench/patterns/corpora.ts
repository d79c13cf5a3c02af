/**
 * The corpora of /work/shared/corpora.md and the tools to compare with, installed by exact version into
 * a scratch folder outside the repo (default ~/.cache/metaforge-corpora, env CORPORA_DIR):
 *
 *   <scratch>/npm/<corpus>/        npm install --ignore-scripts --save-exact NAME@VERSION
 *   <scratch>/deb/<package>/       apt-get download NAME=VERSION && dpkg -x
 *   <scratch>/corpus/<corpus>/     exactly the files of the glob, relative paths kept
 *   <scratch>/tools/jscpd-<v>/     jscpd, never in the repo's package.json
 *
 * Every step is skipped when its result is already there.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { matchesGlobs } from "./glob";
import { countNewlines } from "./metrics";

export type Family = "java-nio" | "date-fns";

export interface CorpusSource {
  /** npm package, Debian package, or the JDK source zip inside a Debian package. */
  kind: "npm" | "deb" | "jdk";
  name: string;
  version: string;
  include: string[];
  exclude?: string[];
  /** Folder the files go under inside the corpus (for corpora made of several packages). */
  prefix?: string;
}

export interface Corpus {
  name: string;
  sources: CorpusSource[];
  files: number;
  /** As corpora.md counts them: newline characters (`wc -l`); a last line without one is not counted. */
  lines: number;
  /** Passed to the engine as --lang. */
  languages: string[];
  family?: Family;
  /** Coverage must reach jscpd v5's renamed union here. */
  coverageTarget?: boolean;
}

/**
 * openjdk-17-source: corpora.md names no version. The first one apt can download is used, in this
 * order; the one used is recorded in the results.
 */
export const JDK_VERSIONS = ["17.0.19+10-1~deb12u2", "17.0.21.1+2-1~deb12u1"];

const npm = (name: string, version: string, include: string[], exclude?: string[], prefix?: string): CorpusSource => ({ kind: "npm", name, version, include, exclude, prefix });
const radix = (name: string, version: string) => npm(`@radix-ui/${name}`, version, ["dist/index.mjs"], undefined, name);

export const CORPORA: Corpus[] = [
  { name: "stripe-resources", sources: [npm("stripe", "23.1.0", ["esm/resources/**/*.js"])], files: 237, lines: 14_914, languages: ["javascript"], coverageTarget: true },
  { name: "gapi-sheets", sources: [npm("@googleapis/sheets", "18.1.1", ["v4.ts"])], files: 1, lines: 8_482, languages: ["typescript"] },
  {
    name: "aws-dynamodb-types",
    sources: [npm("@aws-sdk/client-dynamodb", "3.1164.0", ["dist-types/commands/*.d.ts"])],
    files: 63,
    lines: 13_919,
    languages: ["typescript"],
    coverageTarget: true,
  },
  { name: "aws-dynamodb-es", sources: [npm("@aws-sdk/client-dynamodb", "3.1164.0", ["dist-es/**/*.js"])], files: 100, lines: 4_782, languages: ["javascript"], coverageTarget: true },
  {
    name: "datefns-locales",
    sources: [npm("date-fns", "4.4.0", ["locale/*/_lib/*.js"])],
    files: 432,
    lines: 43_798,
    languages: ["javascript"],
    family: "date-fns",
    coverageTarget: true,
  },
  { name: "lucide-icons", sources: [npm("lucide-react", "1.75.0", ["dist/esm/icons/*.mjs"])], files: 2_403, lines: 61_855, languages: ["javascript"], coverageTarget: true },
  {
    name: "radix-menus",
    sources: [radix("react-select", "2.4.1"), radix("react-dropdown-menu", "2.2.1"), radix("react-context-menu", "2.4.1"), radix("react-menubar", "1.2.1"), radix("react-dialog", "1.3.1")],
    files: 5,
    lines: 2_656,
    languages: ["javascript"],
  },
  { name: "zod-v4-src", sources: [npm("zod", "4.6.7", ["src/v4/**/*.ts"], ["**/tests/**"])], files: 107, lines: 31_509, languages: ["typescript"] },
  { name: "rxjs-control", sources: [npm("rxjs", "7.8.2", ["src/internal/**/*.ts"])], files: 245, lines: 21_042, languages: ["typescript"] },
  {
    name: "effect-scale",
    sources: [npm("effect", "4.1.0", ["src/**/*.ts"], ["src/http-api/internal/httpApi{Scalar,Swagger}.ts"])],
    files: 570,
    lines: 523_425,
    languages: ["typescript"],
  },
  {
    name: "py-sqlalchemy",
    sources: [{ kind: "deb", name: "python3-sqlalchemy", version: "1.4.46+ds1-1", include: ["usr/lib/python3/dist-packages/sqlalchemy/**/*.py"] }],
    files: 238,
    lines: 185_611,
    languages: ["python"],
  },
  {
    name: "java-nio",
    sources: [{ kind: "jdk", name: "openjdk-17-source", version: JDK_VERSIONS[0]!, include: ["java.base/java/nio/**/*.java"] }],
    files: 238,
    lines: 81_620,
    languages: ["java"],
    family: "java-nio",
  },
];

export const JSCPD_VERSIONS = { v5: "5.3.3", v4: "4.3.0" } as const;

export function scratchDir(): string {
  return process.env.CORPORA_DIR ? path.resolve(process.env.CORPORA_DIR) : path.join(os.homedir(), ".cache", "metaforge-corpora");
}

export function corpusDir(corpus: string, scratch = scratchDir()): string {
  return path.join(scratch, "corpus", corpus);
}

const log = (s: string) => process.stderr.write(`${s}\n`);

function run(cmd: string, args: string[], cwd: string): string {
  log(`  $ ${cmd} ${args.join(" ")}   (in ${cwd})`);
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 * 1024 * 1024 });
}

/** npm packages into their own folder (with a package.json of its own so npm does not walk up). */
function npmInstall(dir: string, specs: Array<{ name: string; version: string }>): void {
  const installed = specs.every((s) => {
    const pj = path.join(dir, "node_modules", s.name, "package.json");
    return fs.existsSync(pj) && JSON.parse(fs.readFileSync(pj, "utf8")).version === s.version;
  });
  if (installed) return;
  fs.mkdirSync(dir, { recursive: true });
  const pj = path.join(dir, "package.json");
  if (!fs.existsSync(pj)) fs.writeFileSync(pj, JSON.stringify({ name: path.basename(dir).replace(/[^a-z0-9-]/g, "-"), private: true }, null, 2));
  run("npm", ["install", "--ignore-scripts", "--save-exact", "--no-audit", "--no-fund", ...specs.map((s) => `${s.name}@${s.version}`)], dir);
}

let aptUpdated = false;
/** A Debian package extracted into <dir>/root; returns the version actually used. */
function debExtract(dir: string, name: string, versions: string[]): { root: string; version: string } {
  const root = path.join(dir, "root");
  const marker = path.join(dir, "version");
  if (fs.existsSync(marker) && fs.existsSync(root)) return { root, version: fs.readFileSync(marker, "utf8").trim() };
  fs.mkdirSync(dir, { recursive: true });
  let used: string | undefined;
  for (const attempt of [0, 1]) {
    for (const v of versions) {
      try {
        run("apt-get", ["download", `${name}=${v}`], dir);
        used = v;
        break;
      } catch {
        log(`  ${name}=${v} could not be downloaded`);
      }
    }
    if (used || attempt === 1 || aptUpdated) break;
    run("apt-get", ["update"], dir);
    aptUpdated = true;
  }
  if (!used) throw new Error(`apt-get download ${name} failed for ${versions.join(", ")}`);
  const deb = fs.readdirSync(dir).find((f) => f.startsWith(`${name}_`) && f.endsWith(".deb"));
  if (!deb) throw new Error(`no .deb for ${name} in ${dir}`);
  fs.rmSync(root, { recursive: true, force: true });
  run("dpkg", ["-x", deb, "root"], dir);
  fs.writeFileSync(marker, used);
  return { root, version: used };
}

/** Relative `/` paths of every regular file under `dir` (symlinked files followed, folders not). */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(r);
      else if (entry.isFile() || (entry.isSymbolicLink() && fs.statSync(path.join(dir, r), { throwIfNoEntry: false })?.isFile())) out.push(r);
    }
  };
  walk("");
  return out.sort();
}

/** Where one source's package lives once installed; installs it when missing. */
function sourceRoot(corpus: Corpus, source: CorpusSource, scratch: string): { root: string; version: string } {
  if (source.kind === "npm") {
    const dir = path.join(scratch, "npm", corpus.name);
    npmInstall(
      dir,
      corpus.sources.map((s) => ({ name: s.name, version: s.version })),
    );
    return { root: path.join(dir, "node_modules", source.name), version: source.version };
  }
  if (source.kind === "deb") return debExtract(path.join(scratch, "deb", source.name), source.name, [source.version]);
  const { root, version } = debExtract(path.join(scratch, "deb", source.name), source.name, JDK_VERSIONS);
  const src = path.join(scratch, "deb", source.name, "src");
  if (!fs.existsSync(path.join(src, "java.base"))) {
    const zip = listFiles(root).find((f) => f.endsWith("/src.zip"));
    if (!zip) throw new Error(`no src.zip in ${root}`);
    fs.mkdirSync(src, { recursive: true });
    run("unzip", ["-q", "-o", path.join(root, zip), "java.base/java/nio/*", "-d", src], scratch);
  }
  return { root: src, version };
}

export interface InstalledCorpus {
  corpus: Corpus;
  dir: string;
  files: number;
  lines: number;
  versions: Record<string, string>;
  warnings: string[];
}

interface Marker {
  files: number;
  lines: number;
  versions: Record<string, string>;
}

/** Installs a corpus (or finds it installed) and checks its file and line counts against the table. */
export function installCorpus(corpus: Corpus, scratch = scratchDir()): InstalledCorpus {
  const dir = corpusDir(corpus.name, scratch);
  const markerPath = path.join(scratch, "corpus", `${corpus.name}.json`);
  let marker: Marker;
  if (fs.existsSync(markerPath) && fs.existsSync(dir)) {
    marker = JSON.parse(fs.readFileSync(markerPath, "utf8"));
  } else {
    log(`installing corpus ${corpus.name}`);
    fs.rmSync(dir, { recursive: true, force: true });
    const versions: Record<string, string> = {};
    let files = 0;
    let lines = 0;
    for (const source of corpus.sources) {
      const { root, version } = sourceRoot(corpus, source, scratch);
      versions[source.name] = version;
      for (const rel of listFiles(root)) {
        if (!matchesGlobs(rel, source.include, source.exclude)) continue;
        const target = path.join(dir, source.prefix ?? "", rel);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.copyFileSync(path.join(root, rel), target);
        files++;
        lines += countNewlines(fs.readFileSync(target, "utf8"));
      }
    }
    marker = { files, lines, versions };
    fs.writeFileSync(markerPath, JSON.stringify(marker, null, 2));
  }
  const warnings: string[] = [];
  if (marker.files !== corpus.files || marker.lines !== corpus.lines) {
    warnings.push(`${corpus.name}: ${marker.files} files / ${marker.lines} lines, corpora.md says ${corpus.files} / ${corpus.lines}`);
  }
  for (const w of warnings) log(`WARNING ${w}`);
  return { corpus, dir, files: marker.files, lines: marker.lines, versions: marker.versions, warnings };
}

/**
 * jscpd of one version in its own scratch folder; returns the path of its CLI. For v5 that is the
 * native binary of the platform package (what the reference figures measure: 23 MB on
 * stripe-resources), not the Node launcher in front of it.
 */
export function installJscpd(version: string, scratch = scratchDir()): string {
  const dir = path.join(scratch, "tools", `jscpd-${version}`);
  npmInstall(dir, [{ name: "jscpd", version }]);
  const modules = path.join(dir, "node_modules");
  const native = fs
    .readdirSync(modules)
    .filter((d) => d.startsWith(`jscpd-${process.platform}-${process.arch}`))
    .map((d) => path.join(modules, d, "bin", "jscpd"))
    .find((f) => fs.existsSync(f));
  if (native) return native;
  const bin = path.join(modules, ".bin", "jscpd");
  if (!fs.existsSync(bin)) throw new Error(`jscpd ${version}: no ${bin}`);
  return bin;
}
