import { describe, expect, it } from "vitest";
import {
  type Analysis,
  type AnalysisGroup,
  analysisHash,
  compareLines,
  compression,
  countLines,
  countNewlines,
  countNonBlank,
  engineLines,
  familyOf,
  familyRecovery,
  fileTexts,
  firstDifference,
  jscpdLines,
  jscpdPath,
  judgeDeterminism,
  lineOf,
  lineStarts,
  medianStats,
  nonBlankMask,
  parseTimeV,
  roundTrip,
  sha256,
  totalNonBlank,
} from "./metrics";

// Two files with one repeated function each, the second with a blank line and a trailing line.
const USERS = 'import { db } from "./db";\n\nexport function getUser(id: string) {\n  return db.query("users", id);\n}\n';
const ORDERS = '// orders\nexport function getOrder(id: string) {\n  return db.query("orders", id);\n}\n\nconst x = 1;';
const TEMPLATE = 'export function get{{ user }}(id: string) {\n  return db.query("{{ user | plural | snake }}", id);\n}';

const uStart = USERS.indexOf("export");
const uEnd = USERS.indexOf("}\n", uStart) + 1;
const oStart = ORDERS.indexOf("export");
const oEnd = ORDERS.indexOf("}\n", oStart) + 1;

function group(over: Partial<AnalysisGroup> = {}): AnalysisGroup {
  return {
    id: "g1",
    unit: "function",
    language: "typescript",
    template: TEMPLATE,
    holes: [{ name: "user", type: "identifier" }],
    instances: [
      { file: "src/orders.ts", start: oStart, end: oEnd, startLine: 2, endLine: 4, bindings: { user: "Order" } },
      { file: "src/users.ts", start: uStart, end: uEnd, startLine: 3, endLine: 5, bindings: { user: "User" } },
    ],
    stats: { lines: 3, linesSaved: 3, templateBytes: 0, bindingBytes: 0, originalBytes: 0, compression: 0, holeShare: 0.06, score: 1 },
    ...over,
  };
}

function analysis(groups: AnalysisGroup[] = [group()]): Analysis {
  return {
    format: "metaforge.pattern-analysis",
    version: 1,
    files: [
      { path: "src/orders.ts", language: "typescript", lines: 6, bytes: ORDERS.length, sha256: sha256(ORDERS) },
      { path: "src/users.ts", language: "typescript", lines: 5, bytes: USERS.length, sha256: sha256(USERS) },
    ],
    groups,
  };
}

const texts = fileTexts(
  new Map([
    ["src/users.ts", USERS],
    ["src/orders.ts", ORDERS],
  ]),
);

describe("text basics", () => {
  it("counts lines as the format does and newlines as wc -l does", () => {
    expect(countLines("")).toBe(0);
    expect(countLines("a")).toBe(1);
    expect(countLines("a\n")).toBe(1);
    expect(countLines("a\nb")).toBe(2);
    expect(countNewlines("a\nb")).toBe(1);
    expect(countNewlines("a\nb\n")).toBe(2);
  });

  it("maps offsets to 1-based lines", () => {
    const starts = lineStarts("ab\ncd\n\nef");
    expect(starts).toEqual([0, 3, 6, 7]);
    expect(lineOf(starts, 0)).toBe(1);
    expect(lineOf(starts, 2)).toBe(1);
    expect(lineOf(starts, 3)).toBe(2);
    expect(lineOf(starts, 6)).toBe(3);
    expect(lineOf(starts, 8)).toBe(4);
    expect(lineStarts("a\n")).toEqual([0]);
  });

  it("marks non-blank lines", () => {
    expect([...nonBlankMask("a\n  \n\t b\n\r\n")]).toEqual([0, 1, 0, 1, 0]);
    expect(totalNonBlank(texts)).toBe(4 + 5);
  });

  it("finds the first difference", () => {
    expect(firstDifference("abc", "abc")).toBe(-1);
    expect(firstDifference("abc", "abd")).toBe(2);
    expect(firstDifference("abc", "ab")).toBe(2);
  });
});

describe("roundTrip", () => {
  it("renders every instance with the repo's filters and rebuilds every file", () => {
    const r = roundTrip(analysis(), texts);
    expect(r.failures).toEqual([]);
    expect(r).toMatchObject({ instances: 2, instancesOk: 2, files: 2, filesOk: 2, filesWithInstances: 2, lineMismatches: 0, notAtLineStart: 0 });
  });

  it("reports a wrong binding with its group, file and the first differing offset", () => {
    const g = group();
    g.instances[1]!.bindings = { user: "Usr" };
    const r = roundTrip(analysis([g]), texts);
    expect(r.instancesOk).toBe(1);
    expect(r.filesOk).toBe(1);
    const mismatch = r.failures.find((f) => f.kind === "instance-mismatch")!;
    expect(mismatch).toMatchObject({ group: "g1", instance: 1, file: "src/users.ts", offset: uStart + "export function getUs".length, line: 3 });
    expect(r.failures.find((f) => f.kind === "file-mismatch")).toMatchObject({ file: "src/users.ts", offset: uStart + "export function getUs".length });
  });

  it("reports a template that does not render (unknown filter, missing binding)", () => {
    const r = roundTrip(analysis([group({ template: TEMPLATE.replace("snake", "no_such_filter") })]), texts);
    expect(r.instancesOk).toBe(0);
    expect(r.failureCount["render-error"]).toBe(2);
    const g = group();
    g.instances[0]!.bindings = {};
    const r2 = roundTrip(analysis([g]), texts);
    expect(r2.failureCount["binding-missing"]).toBe(1);
    expect(r2.failureCount["render-error"]).toBe(1);
    expect(r2.instancesOk).toBe(1);
  });

  it("reports overlapping instances, ranges outside the file, wrong line numbers and a wrong sha256", () => {
    // From inside the function to the end of the file: it overlaps the function's instance without nesting in it.
    const overlapping = group({ id: "g2", template: ORDERS.slice(oStart + 7), holes: [], instances: [{ ...group().instances[0]!, start: oStart + 7, end: ORDERS.length, endLine: 6, bindings: {} }] });
    const r = roundTrip(analysis([group(), overlapping]), texts);
    expect(r.failureCount.overlap).toBe(1);
    expect(r.filesOk).toBe(1);

    const g = group();
    g.instances[0]!.end = ORDERS.length + 5;
    g.instances[1]!.startLine = 1;
    const r2 = roundTrip(analysis([g]), texts);
    expect(r2.failureCount["out-of-range"]).toBe(1);
    expect(r2.lineMismatches).toBe(1);

    const a = analysis();
    a.files[0]!.sha256 = "0".repeat(64);
    expect(roundTrip(a, texts).failureCount.sha256).toBe(1);
  });

  it("rebuilds a file around a frame: an instance inside another group's instance renders inside it (PA-19)", () => {
    // The whole of orders.ts is one instance of a frame whose hole holds the function, itself an instance of g1.
    const frame = group({
      id: "g2",
      unit: "file",
      template: "// {{ name }}\n{{ body }}\n\nconst x = 1;",
      holes: [
        { name: "name", type: "identifier" },
        { name: "body", type: "code", nested: true },
      ],
      instances: [{ file: "src/orders.ts", start: 0, end: ORDERS.length, startLine: 1, endLine: 6, bindings: { name: "orders", body: ORDERS.slice(oStart, oEnd) } }],
    });
    const r = roundTrip(analysis([group(), frame]), texts);
    expect(r.failures).toEqual([]);
    expect(r).toMatchObject({ instances: 3, instancesOk: 3, files: 2, filesOk: 2 });
    // The frame rendering something else is still caught, though the function inside it renders right.
    frame.instances[0]!.bindings.name = "users";
    const r2 = roundTrip(analysis([group(), frame]), texts);
    expect(r2.failureCount["instance-mismatch"]).toBe(1);
    expect(r2.failureCount["file-mismatch"]).toBe(1);
  });

  it("counts instances that start mid-line", () => {
    const g = group();
    g.instances[1]!.start = uStart + 7;
    g.template = TEMPLATE.slice(7);
    expect(roundTrip(analysis([g]), texts).notAtLineStart).toBe(1);
  });

  it("names hole names that LiquidJS does not read as variables (a hole named `not` renders true)", () => {
    const g = group({ template: TEMPLATE.replaceAll("user", "not"), holes: [{ name: "not", type: "identifier" }] });
    g.instances = g.instances.map((i) => ({ ...i, bindings: { not: i.bindings.user! } }));
    const r = roundTrip(analysis([g]), texts);
    expect(r.badHoleNames).toEqual(["not"]);
    expect(r.instancesOk).toBe(0);
    expect(r.failures[0]).toMatchObject({ kind: "instance-mismatch", got: expect.stringContaining("gettrue") });
    expect(roundTrip(analysis(), texts).badHoleNames).toEqual([]);
  });

  it("keeps literal Liquid syntax in raw blocks", () => {
    const text = "a {{ b }} c\n";
    const t = fileTexts(new Map([["f.liquid", text]]));
    const a: Analysis = {
      format: "metaforge.pattern-analysis",
      version: 1,
      files: [{ path: "f.liquid", language: "text", lines: 1, bytes: text.length, sha256: sha256(text) }],
      groups: [{ ...group(), template: "{% raw %}a {{ b }}{% endraw %} {{ x }}", holes: [{ name: "x", type: "code" }], instances: [{ file: "f.liquid", start: 0, end: 11, startLine: 1, endLine: 1, bindings: { x: "c" } }] }],
    };
    expect(roundTrip(a, t)).toMatchObject({ instancesOk: 1, filesOk: 1 });
  });
});

describe("coverage", () => {
  it("takes the non-blank lines of groups with 2+ instances and holes ≤ 80% of the bytes", () => {
    const lines = engineLines(analysis(), texts);
    expect([...lines.get("src/users.ts")!]).toEqual([0, 0, 0, 1, 1, 1]);
    expect(countNonBlank(lines, texts)).toBe(6);
    expect(countNonBlank(engineLines(analysis([group({ stats: { ...group().stats, holeShare: 0.81 } })]), texts), texts)).toBe(0);
    expect(countNonBlank(engineLines(analysis([group({ instances: [group().instances[0]!] })]), texts), texts)).toBe(0);
  });

  it("reads jscpd's line ranges, relative or absolute, and compares line sets", () => {
    const report = {
      duplicates: [
        { firstFile: { name: "/corpus/src/users.ts", start: 1, end: 3 }, secondFile: { name: "./src/orders.ts", start: 1, end: 2 } },
        { firstFile: { name: "src/gone.ts", start: 1, end: 3 }, secondFile: { name: "src/orders.ts", start: 6, end: 6 } },
      ],
    };
    expect(jscpdPath("/corpus/src/users.ts", "/corpus/")).toBe("src/users.ts");
    const theirs = jscpdLines(report, texts, "/corpus");
    expect(countNonBlank(theirs, texts)).toBe(2 + 2 + 1);
    expect(compareLines(engineLines(analysis(), texts), theirs, texts)).toEqual({ a: 6, b: 5, both: 2, onlyA: 4, onlyB: 3 });
  });
});

describe("compression", () => {
  it("measures template and binding bytes against the original bytes", () => {
    const r = compression(analysis(), texts);
    const t = Buffer.byteLength(TEMPLATE);
    const b = "Order".length + "User".length;
    const o = oEnd - oStart + (uEnd - uStart);
    expect(r.overall).toBeCloseTo((t + b) / o, 10);
    expect(r.mean).toBeCloseTo(r.overall, 10);
    expect(r.holesMean).toBe(1);
    expect(r.statsMismatches).toBe(1);
    const corpusBytes = USERS.length + ORDERS.length;
    expect(r.corpus).toBeCloseTo((corpusBytes - o + t + b) / corpusBytes, 10);
    const exact = group({ stats: { ...group().stats, templateBytes: t, bindingBytes: b, originalBytes: o } });
    expect(compression(analysis([exact]), texts).statsMismatches).toBe(0);
  });

  it("counts UTF-8 bytes", () => {
    const text = "é\né\n";
    const t = fileTexts(new Map([["f", text]]));
    const g = group({ template: "{{ c }}", instances: [0, 2].map((s) => ({ file: "f", start: s, end: s + 1, startLine: 1, endLine: 1, bindings: { c: "é" } })) });
    expect(compression(analysis([g]), t).overall).toBe((7 + 2 + 2) / 4);
  });
});

describe("families", () => {
  it("names java-nio's generator families from file names", () => {
    const nio = (f: string) => familyOf("java-nio", `java.base/java/nio/${f}`);
    expect(nio("ByteBuffer.java")).toBe("X-Buffer");
    expect(nio("DoubleBuffer.java")).toBe("X-Buffer");
    expect(nio("HeapCharBufferR.java")).toBe("Heap-X-Buffer");
    expect(nio("DirectByteBufferR.java")).toBe("Direct-X-Buffer");
    expect(nio("DirectIntBufferRU.java")).toBe("Direct-X-Buffer");
    expect(nio("DirectIntBufferS.java")).toBe("Direct-X-Buffer");
    expect(nio("ByteBufferAsLongBufferRB.java")).toBe("ByteBufferAs-X-Buffer");
    expect(nio("charset/CharsetDecoder.java")).toBe("Charset-X-Coder");
    expect(nio("BufferOverflowException.java")).toBe("exceptions");
    expect(nio("channels/ClosedChannelException.java")).toBe("exceptions");
    expect(nio("charset/CharacterCodingException.java")).toBe("exceptions");
    expect(nio("charset/MalformedInputException.java")).toBeNull();
    expect(nio("file/NoSuchFileException.java")).toBeNull();
    expect(nio("Buffer.java")).toBeNull();
    expect(nio("MappedByteBuffer.java")).toBeNull();
    expect(nio("StringCharBuffer.java")).toBeNull();
    expect(nio("ByteBufferAsCharBuffer.java")).toBeNull();
  });

  it("names date-fns families after the _lib file", () => {
    expect(familyOf("date-fns", "locale/de/_lib/localize.js")).toBe("localize.js");
    expect(familyOf("date-fns", "locale/en-US/_lib/formatDistance.js")).toBe("formatDistance.js");
    expect(familyOf("date-fns", "locale/de/index.js")).toBeNull();
  });

  it("scores pairwise precision and recall over file pairs", () => {
    const fam = (p: string) => (p.startsWith("x") ? null : p[0]!);
    const inst = (file: string) => ({ file, start: 0, end: 1, startLine: 1, endLine: 1, bindings: {} });
    const g = (id: string, files: string[], holeShare = 0.1) => group({ id, instances: files.map(inst), stats: { ...group().stats, holeShare } });
    // families a (a1 a2 a3) and b (b1 b2): 3 + 1 true pairs.
    const paths = ["a1", "a2", "a3", "b1", "b2", "x1"];
    const r = familyRecovery(analysis([g("g1", ["a1", "a2", "a3"]), g("g2", ["a1", "b1", "x1"]), g("g3", ["b1", "b2"], 0.9)]), paths, fam);
    // predicted (judged): a1-a2 a1-a3 a2-a3 a1-b1; x1's pairs are not judged; g3 does not count.
    expect(r).toMatchObject({ labelled: 5, families: 2, truePairs: 4, predictedPairs: 4, truePositives: 3, precision: 0.75, recall: 0.75 });
    expect(r.confusions).toEqual([{ families: "a × b", pairs: 1 }]);
    expect(r.perFamily).toEqual([
      { family: "a", files: 3, truePairs: 3, found: 3, recall: 1 },
      { family: "b", files: 2, truePairs: 1, found: 0, recall: 0 },
    ]);
    // Two instances in one file make no pair.
    expect(familyRecovery(analysis([g("g1", ["a1", "a1"])]), paths, fam).predictedPairs).toBe(0);
  });
});

describe("determinism hash", () => {
  it("ignores timing fields and nothing else", () => {
    const a = JSON.stringify({ groups: [{ id: "g1" }], summary: { coverage: 0.5, elapsedMs: 12 }, timings: { read: 3 } });
    const b = JSON.stringify({ groups: [{ id: "g1" }], summary: { coverage: 0.5, elapsedMs: 99 }, timings: { read: 4 } });
    const c = JSON.stringify({ groups: [{ id: "g2" }], summary: { coverage: 0.5, elapsedMs: 12 }, timings: { read: 3 } });
    expect(analysisHash(a)).toBe(analysisHash(b));
    expect(analysisHash(a)).not.toBe(analysisHash(c));
  });
});

describe("judgeDeterminism", () => {
  it("compares runs of the same engine source only", () => {
    const run = (label: string, hash: string, source = "s1") => ({ label, hash, source });
    expect(judgeDeterminism([run("1", "a"), run("2", "a"), run("reverse", "a")])).toEqual({ same: true, sourceChanged: false, compared: 2 });
    expect(judgeDeterminism([run("1", "a"), run("2", "b")]).same).toBe(false);
    expect(judgeDeterminism([run("1", "a"), run("2", "a"), run("3", "b", "s2"), run("reverse", "b", "s2")])).toEqual({ same: true, sourceChanged: true, compared: 2 });
    expect(judgeDeterminism([run("1", "a"), run("2", "b", "s2")]).same).toBe(false);
  });
});

describe("/usr/bin/time -v", () => {
  const report = (wall: string, rss: number, exit = 0) =>
    [
      '\tCommand being timed: "node x"',
      "\tUser time (seconds): 1.50",
      "\tSystem time (seconds): 0.25",
      "\tPercent of CPU this job got: 80%",
      `\tElapsed (wall clock) time (h:mm:ss or m:ss): ${wall}`,
      `\tMaximum resident set size (kbytes): ${rss}`,
      "\tAverage resident set size (kbytes): 0",
      `\tExit status: ${exit}`,
    ].join("\n");

  it("parses wall time in m:ss and h:mm:ss, CPU and peak RSS", () => {
    expect(parseTimeV(report("0:02.19", 102400))).toEqual({ wallS: 2.19, userS: 1.5, sysS: 0.25, cpuS: 1.75, peakMB: 100, exitCode: 0 });
    expect(parseTimeV(report("1:02:03", 1024, 1))).toMatchObject({ wallS: 3723, peakMB: 1, exitCode: 1 });
    expect(() => parseTimeV("nothing")).toThrow(/wall clock/);
  });

  it("takes medians per measure", () => {
    const runs = [report("0:03.00", 3072), report("0:01.00", 1024), report("0:02.00", 4096)].map(parseTimeV);
    expect(medianStats(runs)).toMatchObject({ wallS: 2, peakMB: 3 });
  });
});
