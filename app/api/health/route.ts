import { getDb } from "@/db/client";
import { checkHealth } from "@/server/health";
import pkg from "@/package.json";

export const dynamic = "force-dynamic";

export async function GET() {
  const report = await checkHealth(getDb(), pkg.version);
  return Response.json(report, { status: report.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
