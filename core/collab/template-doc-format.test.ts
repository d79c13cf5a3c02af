import { describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { templateSchema, type Template } from "../templates/schema";
import { createTemplateDoc, readTemplate, TemplateEditor, TemplateReader, writeTemplate } from "./template-doc";

/** The per-file formatting switch (`format: false`: outputs written exactly as rendered). */

const template = (format?: boolean): Template => ({
  name: "T",
  description: "",
  files: [{ id: "f_a", path: "a.ts", body: "const  x=1", forEach: null, ...(format === undefined ? {} : { format }) }],
  partials: [],
  tests: [],
});

describe("template files: formatting switch", () => {
  it("format: false survives the document, and a copy keeps it", () => {
    const doc = createTemplateDoc(template(false));
    expect(readTemplate(doc).files[0]).toEqual({ id: "f_a", path: "a.ts", body: "const  x=1", forEach: null, format: false });
    const copy = new TemplateEditor(doc).duplicateFile("f_a")!;
    expect(readTemplate(doc).files.find((f) => f.id === copy)?.format).toBe(false);
  });

  it("documents without the key (older ones, or formatting on) read as before: no format key", () => {
    const doc = createTemplateDoc(template());
    expect(readTemplate(doc).files[0]).not.toHaveProperty("format");
    expect(templateSchema.parse(readTemplate(doc)).files[0]!.format).toBeUndefined();
    // Writing formatting on removes the key; off adds it; the cached reader notices both.
    const reader = new TemplateReader(doc);
    expect(reader.read().files[0]!.format).toBeUndefined();
    new TemplateEditor(doc).setFormat("f_a", false);
    expect(reader.read().files[0]!.format).toBe(false);
    writeTemplate(doc, template(true));
    expect(reader.read().files[0]).not.toHaveProperty("format");
    expect((doc.getMap("files").get("f_a") as Y.Map<unknown>).has("format")).toBe(false);
    reader.destroy();
  });
});
