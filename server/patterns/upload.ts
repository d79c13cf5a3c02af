import { Inflate } from "fflate";
import { AppError } from "../../core/errors";
import { checkFiles, formatBytes, ignoredReason, normalizePath, PATTERN_LIMITS, stripCommonRoot, type CheckedFiles, type IncomingFile } from "../../core/patterns/inputs";

/**
 * Bringing code in from bytes: a zip (read by hand from its central directory, so symlink entries,
 * encrypted entries and lying sizes are seen before anything is inflated) or the files of a folder.
 * Every path goes through `normalizePath` (zip-slip refused); text is decoded as strict UTF-8 with its
 * byte-order mark kept, so what is analysed is exactly the bytes that came in. Files that are not
 * UTF-8 text are left out as binary.
 */

export interface RawEntry {
  path: string;
  bytes: Uint8Array;
}

export interface ZipLimits {
  maxFiles: number;
  maxTotalBytes: number;
}

function refuse(message: string): never {
  throw new AppError("INVALID_FILE", message, { file: [message] });
}

// --- CRC-32 (the zip checksum) -------------------------------------------------------------------

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

// --- zip -----------------------------------------------------------------------------------------

interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  madeBy: number;
  externalAttributes: number;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

function centralDirectory(zip: Uint8Array): CentralEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) refuse("This is not a zip file (or it is damaged). Upload a .zip made from the folder.");
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff) refuse("ZIP64 archives are not supported. Zip a smaller folder, or upload the folder itself.");
  if (offset + size > zip.length) refuse("The zip file is damaged (its directory lies past its end).");
  const entries: CentralEntry[] = [];
  const decoder = new TextDecoder("utf-8");
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > zip.length || view.getUint32(p, true) !== 0x02014b50) refuse("The zip file is damaged (a directory entry is unreadable).");
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    entries.push({
      madeBy: view.getUint16(p + 4, true),
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      crc: view.getUint32(p + 16, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      externalAttributes: view.getUint32(p + 38, true),
      localOffset: view.getUint32(p + 42, true),
      name: decoder.decode(zip.subarray(p + 46, p + 46 + nameLength)),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const isSymlink = (e: CentralEntry) => e.madeBy >> 8 === 3 && ((e.externalAttributes >>> 16) & S_IFMT) === S_IFLNK;
const isDirectory = (e: CentralEntry) => e.name.endsWith("/") || (e.externalAttributes & 0x10) !== 0;

function entryData(zip: Uint8Array, e: CentralEntry, budget: { left: number }): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const p = e.localOffset;
  if (p + 30 > zip.length || view.getUint32(p, true) !== 0x04034b50) refuse(`The zip file is damaged ("${e.name}" is unreadable).`);
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  const compressed = zip.subarray(start, start + e.compressedSize);
  if (compressed.length !== e.compressedSize) refuse(`The zip file is damaged ("${e.name}" is cut short).`);
  let out: Uint8Array;
  if (e.method === 0) out = compressed;
  else {
    // Inflated in chunks, counting the real output: a declared size can lie (zip bombs).
    const chunks: Uint8Array[] = [];
    let produced = 0;
    const inflate = new Inflate((chunk) => {
      produced += chunk.length;
      if (produced > e.size || produced > budget.left) refuse(`"${e.name}" inflates to more than the zip says, or past the ${formatBytes(PATTERN_LIMITS.maxTotalBytes)} limit. The zip is refused.`);
      chunks.push(chunk);
    });
    try {
      for (let i = 0; i < compressed.length; i += 65_536) inflate.push(compressed.subarray(i, i + 65_536), i + 65_536 >= compressed.length);
      if (compressed.length === 0) inflate.push(new Uint8Array(0), true);
    } catch (error) {
      if (error instanceof AppError) throw error;
      refuse(`"${e.name}" could not be decompressed (${(error as Error).message}). The zip may be damaged.`);
    }
    out = new Uint8Array(produced);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
  }
  if (out.length !== e.size || crc32(out) !== e.crc) refuse(`"${e.name}" does not match its checksum: the zip is damaged.`);
  budget.left -= out.length;
  return out;
}

/**
 * The files of a zip. The whole zip is refused (naming the entry) for an unsafe path, a symbolic
 * link, an encrypted entry or an unknown compression method; ignored folders are not even inflated;
 * one folder shared by every entry is dropped from the paths.
 */
export function readZip(zip: Uint8Array, limits: ZipLimits = PATTERN_LIMITS): { entries: RawEntry[]; ignored: CheckedFiles["ignored"]; root: string | null } {
  const all = centralDirectory(zip);
  const files: Array<{ entry: CentralEntry; path: string }> = [];
  for (const e of all) {
    if (isSymlink(e)) refuse(`The zip holds a symbolic link ("${e.name.slice(0, 200)}"). Links could point outside the folder, so the zip is refused: zip the files themselves.`);
    const checked = normalizePath(e.name);
    if (!checked.ok) refuse(`The zip holds an unsafe path "${e.name.slice(0, 200)}": ${checked.reason}. Re-create the zip from the folder itself.`);
    if (isDirectory(e)) continue;
    if (e.flags & 1) refuse(`"${e.name}" is encrypted. Upload a zip without a password.`);
    if (e.method !== 0 && e.method !== 8) refuse(`"${e.name}" uses a compression method other than deflate. Re-create the zip with a standard tool.`);
    files.push({ entry: e, path: checked.path });
  }
  const { root, paths } = stripCommonRoot(files.map((f) => f.path));
  const ignored: CheckedFiles["ignored"] = [];
  const kept: Array<{ entry: CentralEntry; path: string }> = [];
  files.forEach((f, i) => {
    const path = paths[i]!;
    const why = ignoredReason(path);
    if (why) ignored.push({ path, reason: why });
    else kept.push({ entry: f.entry, path });
  });
  if (kept.length > limits.maxFiles) refuse(`The zip holds ${kept.length.toLocaleString("en")} files, over the limit of ${limits.maxFiles.toLocaleString("en")}. Zip a sub-folder instead.`);
  const declared = kept.reduce((n, f) => n + f.entry.size, 0);
  if (declared > limits.maxTotalBytes) refuse(`The zip's files add up to ${formatBytes(declared)}, over the limit of ${formatBytes(limits.maxTotalBytes)}. Zip a sub-folder, or leave out generated and vendored code.`);
  const budget = { left: limits.maxTotalBytes };
  return { entries: kept.map((f) => ({ path: f.path, bytes: entryData(zip, f.entry, budget) })), ignored, root };
}

// --- text --------------------------------------------------------------------------------------

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The text of a file, or null when it is not UTF-8 text (a NUL byte, or invalid UTF-8). */
export function decodeText(bytes: Uint8Array): string | null {
  if (bytes.subarray(0, 8192).includes(0)) return null;
  try {
    const text = utf8.decode(bytes);
    return text.includes("\u0000") ? null : text;
  } catch {
    return null;
  }
}

/** Entries as text files: binary ones are left out (listed with why). */
export function decodeEntries(entries: readonly RawEntry[]): { files: IncomingFile[]; ignored: CheckedFiles["ignored"] } {
  const files: IncomingFile[] = [];
  const ignored: CheckedFiles["ignored"] = [];
  for (const e of entries) {
    const text = decodeText(e.bytes);
    if (text === null) ignored.push({ path: e.path, reason: "binary (not UTF-8 text)" });
    else files.push({ path: e.path, text });
  }
  return { files, ignored };
}

const byPath = <T extends { path: string }>(list: T[]) => list.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

export interface UploadedFiles extends CheckedFiles {
  /** For people: "shop.zip", "folder shop". */
  source: string;
}

/** A zip upload, checked: files as text, what was left out, the limits. Throws INVALID_FILE. */
export function filesFromZip(name: string, zip: Uint8Array): UploadedFiles {
  const { entries, ignored, root } = readZip(zip);
  const decoded = decodeEntries(entries);
  const checked = checkFiles(decoded.files);
  if (!checked.ok) refuse(checked.error);
  const value = checked.value;
  return { ...value, ignored: byPath([...ignored, ...decoded.ignored, ...value.ignored]), source: root ? `${name} (${root}/)` : name };
}

/** Files picked from a folder (relative paths from the browser), checked. Throws INVALID_FILE. */
export function filesFromFolder(entries: readonly RawEntry[]): UploadedFiles {
  const normalised: RawEntry[] = [];
  for (const e of entries) {
    const checked = normalizePath(e.path);
    if (!checked.ok) refuse(`"${e.path.slice(0, 200)}" is refused: ${checked.reason}. Only relative paths inside the folder are accepted.`);
    normalised.push({ path: checked.path, bytes: e.bytes });
  }
  const { root, paths } = stripCommonRoot(normalised.map((e) => e.path));
  const decoded = decodeEntries(normalised.map((e, i) => ({ path: paths[i]!, bytes: e.bytes })));
  const checked = checkFiles(decoded.files);
  if (!checked.ok) refuse(checked.error);
  const value = checked.value;
  const count = `${value.files.length} ${value.files.length === 1 ? "file" : "files"}`;
  return { ...value, ignored: byPath([...decoded.ignored, ...value.ignored]), source: root ? `folder ${root} (${count})` : count };
}

/**
 * The files of an upload form: a `zip` (one .zip file), or `file` entries with their relative paths in
 * `path` entries (same order), as the browser sends a picked or dropped folder. Throws INVALID_FILE.
 */
export async function filesFromForm(form: FormData): Promise<UploadedFiles> {
  const zip = form.get("zip");
  const files = form.getAll("file");
  const paths = form.getAll("path");
  const blobs = [zip, ...files].filter((v): v is File => typeof v === "object" && v !== null);
  const size = blobs.reduce((n, b) => n + b.size, 0);
  if (size > PATTERN_LIMITS.maxUploadBytes) refuse(`The upload is ${formatBytes(size)}, over the limit of ${formatBytes(PATTERN_LIMITS.maxUploadBytes)}. Upload a sub-folder.`);
  if (zip !== null) {
    if (typeof zip === "string") refuse("Attach the zip as a file.");
    return filesFromZip(zip.name || "upload.zip", new Uint8Array(await zip.arrayBuffer()));
  }
  if (files.length === 0) refuse("Choose a zip file or a folder to upload.");
  if (files.length !== paths.length) refuse("Each uploaded file needs its relative path. Upload the folder again.");
  if (files.length > PATTERN_LIMITS.maxFiles * 2) refuse(`The folder holds more than ${PATTERN_LIMITS.maxFiles.toLocaleString("en")} files. Upload a sub-folder.`);
  const entries: RawEntry[] = [];
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const path = paths[i]!;
    if (typeof file === "string" || typeof path !== "string") refuse("The upload form is malformed. Upload the folder again.");
    entries.push({ path, bytes: new Uint8Array(await file.arrayBuffer()) });
  }
  return filesFromFolder(entries);
}
