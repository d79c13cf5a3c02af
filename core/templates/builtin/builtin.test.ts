import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { buildSchema, validateSchema } from "graphql";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { generate, type GeneratedFile } from "../../generate/generator";
import type { MetaModel } from "../../metamodel/schema";
import { starterByKey } from "../../metamodel/starters";
import { defineModel } from "../../model/builder";
import { checkModel } from "../../model/conformance";
import { shopApiModel, shopModel } from "../../model/fixtures";
import type { Model } from "../../model/schema";
import { compileTemplate } from "../engine";
import { templateSchema } from "../schema";
import expectedCustomerTs from "./expected/customer.ts.txt?raw";
import expectedSchemaSql from "./expected/schema.sql?raw";
import { BUILTIN_TEMPLATES, builtinByKey, type BuiltinTemplate } from "./index";

/** The files each built-in writes for the shop fixtures, in the generator's (path) order. */
const EXPECTED_PATHS: Record<string, string[]> = {
  "typescript-zod": ["customer.ts", "enums.ts", "index.ts", "order-line.ts", "order.ts", "product.ts"],
  drizzle: ["schema.ts"],
  "postgres-ddl": ["schema.sql"],
  openapi: ["openapi.yaml"],
  "json-schema": ["schemas/customer.schema.json", "schemas/order-line.schema.json", "schemas/order.schema.json", "schemas/product.schema.json"],
  "python-pydantic": ["models.py"],
  "java-records": [
    "src/main/java/com/example/shop/Customer.java",
    "src/main/java/com/example/shop/Order.java",
    "src/main/java/com/example/shop/OrderLine.java",
    "src/main/java/com/example/shop/OrderStatus.java",
    "src/main/java/com/example/shop/Product.java",
  ],
  "go-structs": ["models.go"],
  "graphql-sdl": ["schema.graphql"],
  "markdown-docs": ["README.md", "entities/customer.md", "entities/order-line.md", "entities/order.md", "entities/product.md"],
  "rest-crud-service": [
    "package.json",
    "src/http.ts",
    "src/resources/customers.ts",
    "src/resources/orders.ts",
    "src/resources/products.ts",
    "src/server.ts",
    "tsconfig.json",
  ],
};

const metamodelOf = (b: BuiltinTemplate): MetaModel => starterByKey(b.starter)!.build();
const fixtureFor = (b: BuiltinTemplate, mm: MetaModel): Model => (b.starter === "rest-api" ? shopApiModel(mm) : shopModel(mm));

function run(key: string, model?: (mm: MetaModel) => Model) {
  const builtin = builtinByKey(key);
  if (!builtin) throw new Error(`no built-in ${key}`);
  const mm = metamodelOf(builtin);
  return generate(compileTemplate(builtin.template), mm, model ? model(mm) : fixtureFor(builtin, mm));
}

function fileOf(files: GeneratedFile[], path: string): string {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`no file ${path} among ${files.map((f) => f.path).join(", ")}`);
  return file.content;
}

describe("the fixture models", () => {
  it("conform to their starter meta-models", () => {
    expect(checkModel(starterByKey("entity-relational")!.build(), shopModel())).toEqual([]);
    expect(checkModel(starterByKey("rest-api")!.build(), shopApiModel())).toEqual([]);
  });

  it("are the same on every call (ids included)", () => {
    expect(shopModel()).toEqual(shopModel());
    expect(shopApiModel().objects.map((o) => o.id)).toEqual(shopApiModel().objects.map((o) => o.id));
  });
});

describe("built-in templates", () => {
  it("are the ten entity-relational ones and the REST service, with distinct keys", () => {
    expect(BUILTIN_TEMPLATES.map((b) => b.key)).toEqual(Object.keys(EXPECTED_PATHS));
    expect(BUILTIN_TEMPLATES.filter((b) => b.starter === "entity-relational")).toHaveLength(10);
    expect(builtinByKey("rest-crud-service")?.starter).toBe("rest-api");
    expect(builtinByKey("nope")).toBeUndefined();
  });

  for (const builtin of BUILTIN_TEMPLATES) {
    describe(builtin.key, () => {
      it("is a valid template that compiles with no problems", () => {
        expect(templateSchema.parse(builtin.template)).toEqual(builtin.template);
        expect(compileTemplate(builtin.template).problems).toEqual([]);
      });

      it("generates the expected files on the fixture model, with no problems", () => {
        const result = run(builtin.key);
        expect(result.problems).toEqual([]);
        expect(result.files.map((f) => f.path)).toEqual(EXPECTED_PATHS[builtin.key]);
      });

      it("is deterministic", () => {
        const first = run(builtin.key).files.map(({ path, content }) => ({ path, content }));
        const second = run(builtin.key).files.map(({ path, content }) => ({ path, content }));
        expect(second).toEqual(first);
      });

      it("writes tidy text: no trailing whitespace, no runs of blank lines, one final newline", () => {
        for (const file of run(builtin.key).files) {
          const where = `${builtin.key}: ${file.path}`;
          expect(/[ \t]+$/m.test(file.content), `${where} has trailing whitespace`).toBe(false);
          // Python separates top-level definitions with two blank lines (PEP 8); nothing else needs more than one.
          expect(file.content.includes(file.path.endsWith(".py") ? "\n\n\n\n" : "\n\n\n"), `${where} has a run of blank lines`).toBe(false);
          expect(file.content.endsWith("\n") && !file.content.endsWith("\n\n"), `${where} ends with one newline`).toBe(true);
          expect(file.content.startsWith("\n"), `${where} starts with a blank line`).toBe(false);
        }
      });
    });
  }
});

describe("expected outputs for the shop fixture (checked by hand)", () => {
  it("postgres-ddl schema.sql", () => {
    expect(fileOf(run("postgres-ddl").files, "schema.sql")).toBe(expectedSchemaSql);
  });

  it("typescript-zod customer.ts", () => {
    expect(fileOf(run("typescript-zod").files, "customer.ts")).toBe(expectedCustomerTs);
  });
});

describe("what each built-in writes for the shop", () => {
  it("typescript-zod: interfaces with foreign keys, audit columns, enums and an index", () => {
    const { files } = run("typescript-zod");
    expect(fileOf(files, "customer.ts")).toContain("export interface Customer {\n  id: string;\n  email: string;\n");
    const order = fileOf(files, "order.ts");
    expect(order).toContain('import { orderStatusSchema, type OrderStatus } from "./enums.js";');
    expect(order).toContain("  status: OrderStatus;\n");
    expect(order).toContain("  notes: string | null;\n");
    expect(order).toContain("  customerId: string;\n  createdAt: Date;\n  updatedAt: Date;\n}");
    expect(order).toContain("  notes: z.string().nullable(),\n");
    expect(order).toContain("  customerId: z.uuid(),\n");
    expect(fileOf(files, "product.ts")).toContain("  sku: z.string().max(32),\n");
    expect(fileOf(files, "enums.ts")).toContain('export const orderStatusSchema = z.enum(["pending", "paid", "shipped", "cancelled"]);');
    expect(fileOf(files, "index.ts")).toBe(
      'export * from "./enums.js";\nexport * from "./customer.js";\nexport * from "./product.js";\nexport * from "./order.js";\nexport * from "./order-line.js";\n',
    );
  });

  it("drizzle: tables, an enum, foreign keys with onDelete, an index, only the builders it uses", () => {
    const schema = fileOf(run("drizzle").files, "schema.ts");
    expect(schema).toContain(
      'import { boolean, index, integer, jsonb, numeric, pgEnum, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";',
    );
    expect(schema).toContain('export const orderStatusEnum = pgEnum("order_status", ["pending", "paid", "shipped", "cancelled"]);');
    expect(schema).toContain('export const order = pgTable("orders", {\n  id: uuid("id").primaryKey().defaultRandom(),\n');
    expect(schema).toContain('  status: orderStatusEnum("status").notNull().default("pending"),\n');
    expect(schema).toContain('  customerId: uuid("customer_id").notNull().references(() => customer.id, { onDelete: "cascade" }),\n');
    expect(schema).toContain('  productId: uuid("product_id").notNull().references(() => product.id, { onDelete: "restrict" }),\n');
    expect(schema).toContain('}, (table) => [\n  index("orders_placed_at_idx").on(table.placedAt),\n]);');
    expect(schema).toContain('  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),\n');
  });

  it("postgres-ddl: tables in dependency order", () => {
    const sql = fileOf(run("postgres-ddl").files, "schema.sql");
    expect(sql).toContain("CREATE TABLE customer (\n  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),\n  email text NOT NULL UNIQUE,\n");
    const order = ["CREATE TYPE order_status", "CREATE TABLE customer", "CREATE TABLE product", "CREATE TABLE orders", "CREATE TABLE order_line"].map((s) => sql.indexOf(s));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
  });

  it("openapi: a valid-looking 3.1 document with schemas and CRUD paths", () => {
    const doc = YAML.parse(fileOf(run("openapi").files, "openapi.yaml")) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId?: string }>>;
      components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>>; required: string[] }> };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(["/customers", "/customers/{id}", "/products", "/products/{id}", "/orders", "/orders/{id}", "/order-lines", "/order-lines/{id}"]);
    expect(Object.keys(doc.paths["/orders/{id}"]!)).toEqual(["parameters", "get", "put", "delete"]);
    const operationIds = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId).filter(Boolean));
    expect(new Set(operationIds).size).toBe(operationIds.length);
    expect(Object.keys(doc.components.schemas)).toEqual(["OrderStatus", "Customer", "Product", "Order", "OrderLine"]);
    const order = doc.components.schemas.Order!;
    expect(order.properties.status).toEqual({ $ref: "#/components/schemas/OrderStatus", default: "pending" });
    expect(order.properties.notes).toEqual({ type: ["string", "null"] });
    expect(order.properties.customerId).toEqual({ type: "string", format: "uuid" });
    expect(order.required).toEqual(["id", "number", "status", "total", "placedAt", "customerId", "createdAt", "updatedAt"]);
  });

  it("json-schema: 2020-12 schemas that Ajv compiles", () => {
    const { files } = run("json-schema");
    const ajv = new Ajv2020({ strict: true });
    addFormats(ajv);
    const validators = new Map(files.map((f) => [f.path, ajv.compile(JSON.parse(f.content) as object)]));
    const order = JSON.parse(fileOf(files, "schemas/order.schema.json")) as { properties: Record<string, unknown>; required: string[]; additionalProperties: boolean };
    expect(order.properties.status).toEqual({ type: "string", enum: ["pending", "paid", "shipped", "cancelled"], default: "pending" });
    expect(order.properties.id).toEqual({ type: "string", format: "uuid", readOnly: true });
    expect(order.required).toContain("customerId");
    expect(order.additionalProperties).toBe(false);
    const validate = validators.get("schemas/customer.schema.json")!;
    expect(validate({ id: "0b7e1a6c-3a57-4d2e-9c1e-0d5f2b8a4c11", email: "ann@example.com", name: "Ann", createdAt: "2024-05-17T09:30:00Z" })).toBe(true);
    expect(validate({ id: "x", email: "ann@example.com", name: "Ann", createdAt: "2024-05-17T09:30:00Z" })).toBe(false);
  });

  it("python-pydantic: models with imports, defaults and enums", () => {
    const py = fileOf(run("python-pydantic").files, "models.py");
    expect(py).toContain("from datetime import datetime, timezone\nfrom decimal import Decimal\nfrom enum import Enum\nfrom typing import Any\nfrom uuid import UUID\n");
    expect(py).toContain('class OrderStatus(str, Enum):\n    PENDING = "pending"\n');
    expect(py).toContain('\n\n\nclass Order(BaseModel):\n    """A customer\'s purchase of one or more products."""\n\n');
    expect(py).toContain("    sku: str = Field(max_length=32)\n");
    expect(py).toContain("    status: OrderStatus = OrderStatus.PENDING\n");
    expect(py).toContain("    notes: str | None = None\n    customer_id: UUID\n");
    expect(py).toContain("    created_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))\n");
  });

  it("java-records: a record per entity, primitives for NOT NULL numbers, an enum with stored values", () => {
    const { files } = run("java-records");
    expect(fileOf(files, "src/main/java/com/example/shop/Product.java")).toContain(
      "package com.example.shop;\n\nimport java.math.BigDecimal;\nimport java.time.OffsetDateTime;\nimport java.util.UUID;\n\n/** Something the shop sells. */\npublic record Product(\n    UUID id,\n    String sku,\n    String name,\n    BigDecimal price,\n    int stock,\n    boolean active,\n    Object tags,\n",
    );
    expect(fileOf(files, "src/main/java/com/example/shop/Order.java")).toContain("    UUID customerId,\n    OffsetDateTime createdAt,\n    OffsetDateTime updatedAt\n) {}\n");
    expect(fileOf(files, "src/main/java/com/example/shop/OrderStatus.java")).toContain('    PENDING("pending"),\n    PAID("paid"),\n    SHIPPED("shipped"),\n    CANCELLED("cancelled");\n');
  });

  it("go-structs: gofmt-aligned structs and constants", () => {
    const go = fileOf(run("go-structs").files, "models.go");
    expect(go).toContain('package shop\n\nimport (\n\t"encoding/json"\n\t"time"\n)\n');
    expect(go).toContain('\tOrderStatusPending   OrderStatus = "pending"\n\tOrderStatusPaid      OrderStatus = "paid"\n');
    expect(go).toContain(
      [
        "// Order is a customer's purchase of one or more products.",
        "type Order struct {",
        '\tID         string      `json:"id"`',
        '\tNumber     string      `json:"number"`',
        '\tStatus     OrderStatus `json:"status"`',
        '\tTotal      string      `json:"total"`',
        '\tPlacedAt   time.Time   `json:"placedAt"`',
        '\tNotes      *string     `json:"notes,omitempty"`',
        '\tCustomerID string      `json:"customerId"`',
        '\tCreatedAt  time.Time   `json:"createdAt"`',
        '\tUpdatedAt  time.Time   `json:"updatedAt"`',
        "}",
      ].join("\n"),
    );
    expect(go).toContain('\tSKU       string          `json:"sku"`\n');
  });

  it("graphql-sdl: a schema graphql-js builds, with relationship fields and CRUD", () => {
    const sdl = fileOf(run("graphql-sdl").files, "schema.graphql");
    expect(validateSchema(buildSchema(sdl))).toEqual([]);
    expect(sdl).toContain("scalar DateTime\n");
    expect(sdl).toContain("scalar JSON\n");
    expect(sdl).toContain("enum OrderStatus {\n  PENDING\n  PAID\n  SHIPPED\n  CANCELLED\n}");
    expect(sdl).toContain("  createdAt: DateTime!\n  orders: [Order!]!\n}");
    expect(sdl).toContain("  customer: Customer!\n  orderLines: [OrderLine!]!\n}");
    expect(sdl).toContain("  customer(id: ID!): Customer\n  customers(limit: Int = 100, offset: Int = 0): [Customer!]!\n");
    expect(sdl).toContain("  createOrder(input: CreateOrderInput!): Order!\n  updateOrder(id: ID!, input: UpdateOrderInput!): Order!\n  deleteOrder(id: ID!): Boolean!\n");
    expect(sdl).toContain("input CreateOrderInput {\n  number: String!\n  status: OrderStatus\n");
  });

  it("markdown-docs: an index with tables and a page per entity", () => {
    const { files } = run("markdown-docs");
    const readme = fileOf(files, "README.md");
    expect(readme).toContain("# Shop\n\nCustomers, products, orders and order lines.\n");
    expect(readme).toContain("| [Customer](entities/customer.md) | `customer` | 4 | Someone who buys from the shop. |\n");
    expect(readme).toContain("| order_status | `pending`, `paid`, `shipped`, `cancelled` |\n");
    expect(readme).toContain("| product | [Product](entities/product.md) | [OrderLine](entities/order-line.md) | one to many | restrict |\n");
    const order = fileOf(files, "entities/order.md");
    expect(order).toContain("| status | `status` | enumerated (order_status) | no |  | `pending` |\n");
    expect(order).toContain("| customer | `customer_id` | reference to [Customer](customer.md) | no | foreign |  |\n");
    expect(order).toContain("- **customer**: refers to one [Customer](customer.md) by `customer_id`.\n");
    expect(order).toContain("deleting an order deletes its order lines.\n");
    expect(order).toContain("| orders_placed_at_idx | `placed_at` | no |\n");
    expect(order.endsWith("[Back to all entities](../README.md)\n")).toBe(true);
  });

  it("rest-crud-service: package.json, a server and a module per resource with its routes", () => {
    const { files } = run("rest-crud-service");
    const pkg = JSON.parse(fileOf(files, "package.json")) as { name: string; type: string; scripts: Record<string, string> };
    expect(pkg).toMatchObject({ name: "shop-api", type: "module", scripts: { start: "tsx src/server.ts" } });
    expect(JSON.parse(fileOf(files, "tsconfig.json"))).toMatchObject({ compilerOptions: { strict: true, types: ["node"] } });
    const server = fileOf(files, "src/server.ts");
    expect(server).toContain('import { routes as customers } from "./resources/customers.js";\n');
    expect(server).toContain("const routes: Route[] = [...customers, ...products, ...orders];\n");
    expect(server).toContain('  "bearerAuth": { header: "authorization", bearer: true },\n');
    expect(server).toContain('const BASE_PATH: string = "/v1";\n');
    const orders = fileOf(files, "src/resources/orders.ts");
    expect(orders).toContain("export interface Order {\n  id: string;\n  customerId: string;\n");
    expect(orders).toContain("  notes?: string;\n}");
    expect(orders).toContain('    method: "PATCH",\n    path: "/orders/{id}",\n    security: "bearerAuth",\n');
    expect(orders).toContain("    id: existing?.id ?? randomUUID(),\n");
    expect(orders).toContain("    placedAt: existing?.placedAt ?? new Date().toISOString(),\n");
    expect(orders).toContain('  { name: "total", expected: "a number", check: is.number, required: true, readOnly: false },\n');
    expect(fileOf(files, "src/http.ts")).not.toContain("{{");
  });
});

/** A model with what the shop lacks: a cycle, self and many-to-many relationships, reserved names, a namespace. */
function edgeModel(mm: MetaModel): Model {
  return defineModel(mm, "Edge", (m) => {
    const schema = m.object("Schema", { name: "lab", namespace: "org.acme.lab" });
    const user = m.object("Entity", { name: "User", description: "Someone who signs in.  \nTrailing spaces above.\n\nA */ and a \"\"\" too." }, { in: [schema, "entities"] });
    m.object("Field", { name: "id", type: "bigint", primaryKey: true }, { in: [user, "fields"] });
    m.object("Field", { name: "apiURL", type: "string", nullable: true }, { in: [user, "fields"] });
    m.object("Field", { name: "kind", type: "enumerated" }, { in: [user, "fields"] });
    const team = m.object("Entity", { name: "Team", auditable: false }, { in: [schema, "entities"] });
    m.object("Field", { name: "code", type: "string", primaryKey: true, length: 8 }, { in: [team, "fields"] });
    const project = m.object("Entity", { name: "Project", auditable: false }, { in: [schema, "entities"] });
    m.object("Field", { name: "id", type: "integer", primaryKey: true }, { in: [project, "fields"] });
    m.object("Field", { name: "order", type: "integer" }, { in: [project, "fields"] });
    const relationship = (name: string, cardinality: string, onDelete: string, source: typeof user, target: typeof user) => {
      const r = m.object("Relationship", { name, cardinality, onDelete }, { in: [schema, "relationships"] });
      m.link(r, "source", source);
      m.link(r, "target", target);
    };
    relationship("team", "oneToMany", "noAction", team, project);
    relationship("leadProject", "oneToOne", "setNull", project, team);
    relationship("manager", "oneToMany", "setNull", user, user);
    relationship("memberships", "manyToMany", "cascade", user, team);
  });
}

/** A chain of `count` entities (each with a few fields and a relationship to the next), like bench/generate's. */
function largeModel(count: number) {
  return (mm: MetaModel): Model =>
    defineModel(mm, "Large", (m) => {
      const schema = m.object("Schema", { name: "large" });
      const status = m.object("EnumType", { name: "status", values: ["draft", "active"] }, { in: [schema, "enumTypes"] });
      const types = ["string", "text", "integer", "decimal", "boolean", "timestamp", "uuid", "json"];
      const entities = [];
      for (let i = 0; i < count; i++) {
        const e = m.object("Entity", { name: `Entity${i}`, description: `Entity number ${i}.` }, { in: [schema, "entities"] });
        m.object("Field", { name: "id", type: "uuid", primaryKey: true }, { in: [e, "fields"] });
        for (let f = 0; f < 5; f++) m.object("Field", { name: `field${f}`, type: types[(i + f) % types.length]!, nullable: f % 2 === 1 }, { in: [e, "fields"] });
        m.link(m.object("Field", { name: "status", type: "enumerated" }, { in: [e, "fields"] }), "enumType", status);
        entities.push(e);
      }
      for (let i = 0; i + 1 < count; i++) {
        const r = m.object("Relationship", { name: `entity${i}`, onDelete: "cascade" }, { in: [schema, "relationships"] });
        m.link(r, "source", entities[i]!);
        m.link(r, "target", entities[i + 1]!);
      }
    });
}

describe("edge cases the shop does not have", () => {
  it("every entity-relational built-in generates tidy text with no problems", () => {
    for (const builtin of BUILTIN_TEMPLATES.filter((b) => b.starter === "entity-relational")) {
      const result = run(builtin.key, edgeModel);
      expect({ key: builtin.key, problems: result.problems }).toEqual({ key: builtin.key, problems: [] });
      for (const file of result.files) expect(/[ \t]+$/m.test(file.content), `${builtin.key}: ${file.path} has trailing whitespace`).toBe(false);
    }
  });

  it("a model of 300 entities renders within the engine's limits (no template looks up relationships quadratically)", () => {
    const large = largeModel(300);
    for (const key of ["postgres-ddl", "drizzle", "openapi", "python-pydantic", "go-structs", "graphql-sdl", "markdown-docs"]) {
      const result = run(key, large);
      expect({ key, problems: result.problems }).toEqual({ key, problems: [] });
    }
    expect(fileOf(run("postgres-ddl", large).files, "schema.sql")).toContain("  entity298_id uuid NOT NULL REFERENCES entity298 (id) ON DELETE CASCADE,\n");
  }, 60_000);

  it("postgres-ddl: quotes reserved names, identity keys, a foreign-key cycle closed with ALTER TABLE, a join table", () => {
    const sql = fileOf(run("postgres-ddl", edgeModel).files, "schema.sql");
    expect(sql).toContain('CREATE TABLE "user" (\n  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n');
    expect(sql).toContain('  manager_id bigint REFERENCES "user" (id) ON DELETE SET NULL,\n');
    expect(sql).toContain('  "order" integer NOT NULL,\n');
    expect(sql).toContain("CREATE TABLE team (\n  code varchar(8) PRIMARY KEY,\n  lead_project_id integer UNIQUE\n);");
    expect(sql).toContain("  team_id varchar(8) NOT NULL REFERENCES team (code)\n);");
    expect(sql).toContain("ALTER TABLE team\n  ADD FOREIGN KEY (lead_project_id) REFERENCES project (id) ON DELETE SET NULL;\n");
    expect(sql).toContain("CREATE TABLE user_team (\n  user_id bigint NOT NULL REFERENCES \"user\" (id) ON DELETE CASCADE,\n");
  });

  it("postgres-ddl: creates a table after the tables it references, whatever the model order", () => {
    const reversed = (mm: MetaModel) =>
      defineModel(mm, "Reversed", (m) => {
        const schema = m.object("Schema", { name: "r" });
        const line = m.object("Entity", { name: "Line", auditable: false }, { in: [schema, "entities"] });
        m.object("Field", { name: "id", type: "uuid", primaryKey: true }, { in: [line, "fields"] });
        const order = m.object("Entity", { name: "Order", tableName: "orders", auditable: false }, { in: [schema, "entities"] });
        m.object("Field", { name: "id", type: "uuid", primaryKey: true }, { in: [order, "fields"] });
        const r = m.object("Relationship", { name: "order", onDelete: "cascade" }, { in: [schema, "relationships"] });
        m.link(r, "source", order);
        m.link(r, "target", line);
      });
    const sql = fileOf(run("postgres-ddl", reversed).files, "schema.sql");
    expect(sql.indexOf("CREATE TABLE orders (")).toBeLessThan(sql.indexOf("CREATE TABLE line ("));
    expect(sql).toContain("  order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE\n);");
    expect(sql).not.toContain("ALTER TABLE");
  });

  it("drizzle: annotates references to tables declared later or to itself", () => {
    const schema = fileOf(run("drizzle", edgeModel).files, "schema.ts");
    expect(schema).toContain('import { type AnyPgColumn, bigint, integer, pgTable, primaryKey, text, timestamp, varchar } from "drizzle-orm/pg-core";');
    expect(schema).toContain('  leadProjectId: integer("lead_project_id").unique().references((): AnyPgColumn => project.id, { onDelete: "set null" }),\n');
    expect(schema).toContain('  teamId: varchar("team_id", { length: 8 }).notNull().references(() => team.code),\n');
    expect(schema).toContain("(table) => [primaryKey({ columns: [table.userId, table.teamId] })]);");
  });

  it("java-records and go-structs: the namespace names the package", () => {
    expect(run("java-records", edgeModel).files.map((f) => f.path)).toContain("src/main/java/org/acme/lab/User.java");
    const go = fileOf(run("go-structs", edgeModel).files, "models.go");
    expect(go).toContain("package lab\n");
    expect(go).toContain('\tAPIURL    *string   `json:"apiUrl,omitempty"`\n');
  });

  it("graphql-sdl: still a valid schema", () => {
    expect(validateSchema(buildSchema(fileOf(run("graphql-sdl", edgeModel).files, "schema.graphql")))).toEqual([]);
  });
});
