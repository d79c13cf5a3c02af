import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Analysis } from "../core/patterns/analysis";
import { renderPattern } from "../core/patterns/template";

const root = path.dirname(import.meta.dirname);

const repo = (entity: string, table: string) => `export class ${entity}Repository {
  constructor(private readonly db: Database) {}

  async findById(id: string): Promise<${entity} | undefined> {
    const rows = await this.db.query("select * from ${table} where id = $1", [id]);
    return rows[0] as ${entity} | undefined;
  }

  async remove(id: string): Promise<void> {
    await this.db.query("delete from ${table} where id = $1", [id]);
  }
}
`;

describe("npx metaforge (bin/metaforge.mjs)", () => {
  it("analyses a folder from its bundle and writes an analysis whose instances render back", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "metaforge-cli-"));
    const files: Record<string, string> = { "users.ts": repo("User", "users"), "orders.ts": repo("Order", "orders"), "invoices.ts": repo("Invoice", "invoices") };
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    const out = path.join(dir, "analysis.json");
    const run = spawnSync(process.execPath, [path.join(root, "bin", "metaforge.mjs"), "analyze", dir, "--json", out, "--quiet"], { cwd: root, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const analysis = JSON.parse(fs.readFileSync(out, "utf8")) as Analysis;
    expect(analysis.groups.length).toBeGreaterThan(0);
    for (const g of analysis.groups) for (const i of g.instances) expect(renderPattern(g.template, i.bindings)).toBe(files[i.file]!.slice(i.start, i.end));
    // The command line ran from its bundle, made from the TypeScript sources it lists.
    const sources = JSON.parse(fs.readFileSync(path.join(root, "node_modules", ".cache", "metaforge", "cli.mjs.sources.json"), "utf8")) as Record<string, string>;
    expect(Object.keys(sources)).toEqual(expect.arrayContaining(["bin/metaforge.ts", "core/patterns/engine.ts"]));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
