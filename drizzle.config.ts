import { defineConfig } from "drizzle-kit";

// `npm run db:generate` writes SQL migrations from db/schema into db/migrations (committed).
// Migrations are applied by `npm start` and the test harness, never by drizzle-kit push.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" },
  strict: true,
});
