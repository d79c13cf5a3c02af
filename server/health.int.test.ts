import { describe, expect, it } from "vitest";
import { createDb } from "../db/client";
import { useTestDatabase } from "../test/db";
import { checkHealth } from "./health";

const t = useTestDatabase();

describe("checkHealth", () => {
  it("reports ok with the database latency when the database answers", async () => {
    const report = await checkHealth(t.db, "1.2.3");
    expect(report.status).toBe("ok");
    expect(report.app.version).toBe("1.2.3");
    expect(report.database.status).toBe("ok");
    expect(report.database.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("reports degraded with the reason when the database is unreachable", async () => {
    const dead = createDb("postgres://postgres@127.0.0.1:1/none", { max: 1 });
    try {
      const report = await checkHealth(dead.db, "1.2.3");
      expect(report.status).toBe("degraded");
      expect(report.database).toMatchObject({ status: "down", latencyMs: null });
      expect(report.database.error).toBeTruthy();
    } finally {
      await dead.close();
    }
  });
});
