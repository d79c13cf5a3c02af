import { entityRelational } from "../metamodel/starters/entity-relational";
import { restApi } from "../metamodel/starters/rest-api";
import type { MetaModel } from "../metamodel/schema";
import { defineModel } from "./builder";
import type { Model } from "./schema";

/**
 * Small but real models for tests and the built-in templates' examples. Built with `defineModel`, so
 * object ids (`o_1`, `o_2`, ...) are the same on every call.
 */

/** A shop's data model for the entity-relational starter. */
export function shopModel(mm: MetaModel = entityRelational()): Model {
  return defineModel(
    mm,
    "Shop",
    (m) => {
      const schema = m.object("Schema", { name: "shop" });
      const orderStatus = m.object("EnumType", { name: "order_status", values: ["pending", "paid", "shipped", "cancelled"] }, { in: [schema, "enumTypes"] });

      const customer = m.object(
        "Entity",
        { name: "Customer", description: "Someone who buys from the shop.", auditable: false },
        { in: [schema, "entities"] },
      );
      m.object("Field", { name: "id", type: "uuid", primaryKey: true }, { in: [customer, "fields"] });
      m.object("Field", { name: "email", type: "string", unique: true }, { in: [customer, "fields"] });
      m.object("Field", { name: "name", type: "string" }, { in: [customer, "fields"] });
      m.object("Field", { name: "createdAt", type: "timestamp", defaultValue: "now" }, { in: [customer, "fields"] });

      const product = m.object("Entity", { name: "Product", description: "Something the shop sells." }, { in: [schema, "entities"] });
      m.object("Field", { name: "id", type: "uuid", primaryKey: true }, { in: [product, "fields"] });
      m.object("Field", { name: "sku", type: "string", unique: true, length: 32 }, { in: [product, "fields"] });
      m.object("Field", { name: "name", type: "string" }, { in: [product, "fields"] });
      m.object("Field", { name: "price", type: "decimal" }, { in: [product, "fields"] });
      m.object("Field", { name: "stock", type: "integer", defaultValue: "0" }, { in: [product, "fields"] });
      m.object("Field", { name: "active", type: "boolean", defaultValue: "true" }, { in: [product, "fields"] });
      m.object("Field", { name: "tags", type: "json", nullable: true }, { in: [product, "fields"] });

      const order = m.object(
        "Entity",
        { name: "Order", tableName: "orders", description: "A customer's purchase of one or more products." },
        { in: [schema, "entities"] },
      );
      m.object("Field", { name: "id", type: "uuid", primaryKey: true }, { in: [order, "fields"] });
      m.object("Field", { name: "number", type: "string", unique: true, length: 20 }, { in: [order, "fields"] });
      const status = m.object("Field", { name: "status", type: "enumerated", defaultValue: "pending" }, { in: [order, "fields"] });
      m.link(status, "enumType", orderStatus);
      m.object("Field", { name: "total", type: "decimal" }, { in: [order, "fields"] });
      const placedAt = m.object("Field", { name: "placedAt", type: "timestamp" }, { in: [order, "fields"] });
      m.object("Field", { name: "notes", type: "text", nullable: true }, { in: [order, "fields"] });
      const byPlacedAt = m.object("Index", { name: "orders_placed_at_idx" }, { in: [order, "indexes"] });
      m.link(byPlacedAt, "fields", placedAt);

      const orderLine = m.object("Entity", { name: "OrderLine", description: "One product in an order, with its quantity and price.", auditable: false }, { in: [schema, "entities"] });
      m.object("Field", { name: "id", type: "uuid", primaryKey: true }, { in: [orderLine, "fields"] });
      m.object("Field", { name: "quantity", type: "integer" }, { in: [orderLine, "fields"] });
      m.object("Field", { name: "unitPrice", type: "decimal" }, { in: [orderLine, "fields"] });

      const relationship = (name: string, source: typeof customer, target: typeof customer, onDelete: string) => {
        const r = m.object("Relationship", { name, cardinality: "oneToMany", onDelete }, { in: [schema, "relationships"] });
        m.link(r, "source", source);
        m.link(r, "target", target);
      };
      relationship("customer", customer, order, "cascade");
      relationship("order", order, orderLine, "cascade");
      relationship("product", product, orderLine, "restrict");
    },
    "Customers, products, orders and order lines.",
  );
}

/** A shop's API for the rest-api starter. */
export function shopApiModel(mm: MetaModel = restApi()): Model {
  return defineModel(
    mm,
    "Shop API",
    (m) => {
      const api = m.object("Api", { title: "Shop API", version: "1.0.0", baseUrl: "https://api.example.com/v1", description: "Customers, products and orders of the shop." });
      const bearer = m.object("SecurityScheme", { name: "bearerAuth", kind: "bearer" }, { in: [api, "securitySchemes"] });
      m.link(api, "defaultSecurity", bearer);

      type Obj = typeof api;
      const field = (resource: Obj, name: string, type: string, extra: Record<string, string | boolean> = {}) =>
        m.object("Field", { name, type, ...extra }, { in: [resource, "fields"] });
      const operation = (resource: Obj, kind: string, method: string, path: string | null, summary: string, responses: Array<[number, string, Obj | null]>) => {
        const op = m.object("Operation", { kind, method, summary, ...(path ? { path } : {}) }, { in: [resource, "operations"] });
        for (const [status, description, body] of responses) {
          const response = m.object("Response", { status, description }, { in: [op, "responses"] });
          if (body) m.link(response, "body", body);
        }
        return op;
      };
      const a = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);
      const crud = (resource: Obj, singular: string, plural: string) => {
        operation(resource, "list", "GET", null, `List ${plural}`, [[200, `A page of ${plural}.`, resource]]);
        operation(resource, "get", "GET", "/{id}", `Get ${a(singular)}`, [
          [200, `The ${singular}.`, resource],
          [404, `No ${singular} with this id.`, null],
        ]);
        operation(resource, "create", "POST", null, `Create ${a(singular)}`, [
          [201, `The new ${singular}.`, resource],
          [400, "The body is not valid.", null],
        ]);
        operation(resource, "update", "PATCH", "/{id}", `Update ${a(singular)}`, [
          [200, `The updated ${singular}.`, resource],
          [400, "The body is not valid.", null],
          [404, `No ${singular} with this id.`, null],
        ]);
        operation(resource, "delete", "DELETE", "/{id}", `Delete ${a(singular)}`, [
          [204, `The ${singular} was deleted.`, null],
          [404, `No ${singular} with this id.`, null],
        ]);
      };

      const customers = m.object("Resource", { name: "customers", path: "/customers", description: "People who buy from the shop." }, { in: [api, "resources"] });
      field(customers, "id", "uuid", { required: true, readOnly: true });
      field(customers, "email", "string", { format: "email", required: true });
      field(customers, "name", "string", { required: true });
      field(customers, "createdAt", "dateTime", { required: true, readOnly: true });
      crud(customers, "customer", "customers");

      const products = m.object("Resource", { name: "products", path: "/products", description: "Things the shop sells." }, { in: [api, "resources"] });
      field(products, "id", "uuid", { required: true, readOnly: true });
      field(products, "sku", "string", { required: true, description: "Stock keeping unit, unique per product." });
      field(products, "name", "string", { required: true });
      field(products, "price", "number", { required: true });
      field(products, "stock", "integer", { required: true });
      field(products, "active", "boolean");
      crud(products, "product", "products");

      const orders = m.object("Resource", { name: "orders", path: "/orders", description: "Purchases by customers." }, { in: [api, "resources"] });
      field(orders, "id", "uuid", { required: true, readOnly: true });
      field(orders, "customerId", "uuid", { required: true });
      field(orders, "status", "string", { required: true, description: "pending, paid, shipped or cancelled." });
      field(orders, "total", "number", { required: true });
      field(orders, "placedAt", "dateTime", { required: true, readOnly: true });
      field(orders, "notes", "string");
      crud(orders, "order", "orders");
    },
    "The shop's REST API: customers, products and orders.",
  );
}
