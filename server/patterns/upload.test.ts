import { strToU8, zipSync, type Zippable } from "fflate";
import { describe, expect, it } from "vitest";
import { AppError } from "../../core/errors";
import { crc32, decodeText, filesFromFolder, filesFromZip, readZip } from "./upload";

const zip = (files: Zippable) => zipSync(files, { level: 6 });

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("INVALID_FILE");
    return (error as AppError).message;
  }
  throw new Error("expected a refusal");
}

/** Offsets of the central directory entries of a zip made by fflate (to tamper with them). */
function centralEntries(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i++) if (view.getUint32(i, true) === 0x02014b50) out.push(i);
  return out;
}

describe("zip uploads", () => {
  it("reads text files byte for byte (BOM, CRLF, non-ASCII), drops the shared root folder, leaves out ignored folders and binaries", () => {
    const text = "\uFEFFexport const café = \"☕\";\r\n";
    const result = filesFromZip("shop.zip", zip({
      "shop/src/a.ts": strToU8(text),
      "shop/src/empty.ts": new Uint8Array(0),
      "shop/node_modules/x/index.js": strToU8("module.exports = 1;"),
      "shop/logo.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      "shop/latin1.txt": new Uint8Array([0x63, 0x61, 0x66, 0xe9]),
      "shop/docs/": new Uint8Array(0),
    }));
    expect(result.source).toBe("shop.zip (shop/)");
    expect(result.files).toEqual([
      { path: "src/a.ts", text },
      { path: "src/empty.ts", text: "" },
    ]);
    expect(result.ignored.map((i) => [i.path, i.reason.split(" ")[0]])).toEqual([
      ["latin1.txt", "binary"],
      ["logo.png", "binary"],
      ["node_modules/x/index.js", "in"],
    ]);
    expect(result.totalBytes).toBe(new TextEncoder().encode(text).length);
  });

  it.each([
    ["../evil.sh", ".."],
    ["shop/../../evil.sh", ".."],
    ["/etc/cron.d/evil", "absolute"],
    ["shop\\..\\evil.sh", "backslash"],
    ["C:/evil.sh", "absolute"],
  ])("refuses the whole zip for the entry %j (zip-slip)", (name, why) => {
    const message = refusal(() => readZip(zip({ "ok.ts": strToU8("x"), [name]: strToU8("evil") })));
    expect(message).toContain("unsafe path");
    expect(message).toContain(why);
  });

  it("refuses symbolic link entries", () => {
    const bytes = zip({ "ok.ts": strToU8("x"), link: [strToU8("../../etc/passwd"), { os: 3, attrs: (0o120777 << 16) >>> 0 }] });
    expect(refusal(() => readZip(bytes))).toContain("symbolic link");
    // A Unix regular file with the same bits elsewhere is fine.
    expect(readZip(zip({ "ok.ts": [strToU8("x"), { os: 3, attrs: (0o100644 << 16) >>> 0 }] })).entries).toHaveLength(1);
  });

  it("refuses more files or more bytes than the limits, before inflating", () => {
    const files: Zippable = {};
    for (let i = 0; i < 6; i++) files[`f${i}.ts`] = strToU8("x".repeat(100));
    expect(refusal(() => readZip(zip(files), { maxFiles: 5, maxTotalBytes: 10_000 }))).toContain("over the limit of 5");
    expect(refusal(() => readZip(zip(files), { maxFiles: 10, maxTotalBytes: 500 }))).toContain("over the limit");
  });

  it("refuses an entry that inflates past its declared size (a lying zip bomb) and a bad checksum", () => {
    const bytes = zip({ "bomb.txt": strToU8("a".repeat(200_000)) });
    const lying = bytes.slice();
    const [entry] = centralEntries(lying);
    new DataView(lying.buffer).setUint32(entry! + 24, 10, true); // declared size: 10 bytes
    expect(refusal(() => readZip(lying))).toContain("inflates to more");
    const corrupt = bytes.slice();
    new DataView(corrupt.buffer).setUint32(centralEntries(corrupt)[0]! + 16, 12345, true);
    expect(refusal(() => readZip(corrupt))).toContain("checksum");
  });

  it("refuses what is not a zip, and encrypted entries", () => {
    expect(refusal(() => readZip(strToU8("hello")))).toContain("not a zip");
    const bytes = zip({ "a.ts": strToU8("x") });
    const view = new DataView(bytes.buffer);
    const entry = centralEntries(bytes)[0]!;
    view.setUint16(entry + 8, view.getUint16(entry + 8, true) | 1, true);
    expect(refusal(() => readZip(bytes))).toContain("encrypted");
  });

  it("crc32 is the zip checksum", () => {
    expect(crc32(strToU8("123456789"))).toBe(0xcbf43926);
  });
});

describe("folder uploads", () => {
  it("takes relative paths from the browser, drops the picked folder's name, refuses unsafe paths", () => {
    const result = filesFromFolder([
      { path: "shop/a.py", bytes: strToU8("print('é')\n") },
      { path: "shop/.git/HEAD", bytes: strToU8("ref: refs/heads/main") },
    ]);
    expect(result.files).toEqual([{ path: "a.py", text: "print('é')\n" }]);
    expect(result.source).toBe("folder shop (1 file)");
    expect(refusal(() => filesFromFolder([{ path: "../x.py", bytes: strToU8("") }]))).toContain("refused");
  });
});

describe("decoding", () => {
  it("keeps the byte-order mark and refuses invalid UTF-8 and NUL bytes", () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe("\uFEFFa");
    expect(decodeText(new Uint8Array([0xc3, 0x28]))).toBeNull();
    expect(decodeText(new Uint8Array([0x61, 0x00, 0x62]))).toBeNull();
  });
});
