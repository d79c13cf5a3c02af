import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Installation-wide facts, e.g. whether the demo workspace was seeded (so it is seeded once only). */
export const appMeta = pgTable("app_meta", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
