import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { camel, constant, kebab, pascal, snake, words } from "./case";
import { plural, singular } from "./inflect";

describe("plural", () => {
  it.each([
    ["OrderLine", "OrderLines"],
    ["orderLine", "orderLines"],
    ["order_line", "order_lines"],
    ["order-line", "order-lines"],
    ["order.line", "order.lines"],
    ["order line", "order lines"],
    ["ORDER_LINE", "ORDER_LINES"],
    ["USER", "USERS"],
    ["user", "users"],
    ["User", "Users"],
    ["person", "people"],
    ["Person", "People"],
    ["PERSON", "PEOPLE"],
    ["SalesPerson", "SalesPeople"],
    ["child", "children"],
    ["category", "categories"],
    ["ProductCategory", "ProductCategories"],
    ["PRODUCT_CATEGORY", "PRODUCT_CATEGORIES"],
    ["address", "addresses"],
    ["status", "statuses"],
    ["OrderStatus", "OrderStatuses"],
    ["box", "boxes"],
    ["entry", "entries"],
    ["analysis", "analyses"],
    ["schema", "schemas"],
    ["index", "indices"],
    ["userID", "userIDs"],
    ["user_id", "user_ids"],
    ["USER_ID", "USER_IDS"],
    ["users", "users"],
    ["OrderLines", "OrderLines"],
    ["people", "people"],
    ["data", "data"],
    ["metadata", "metadata"],
    ["news", "news"],
    ["sheep", "sheep"],
    ["v2", "v2s"],
    ["order_line_", "order_lines_"],
    ["__line__", "__lines__"],
    ["", ""],
    ["___", "___"],
    ["constructor", "constructors"],
    ["__proto__", "__protos__"],
  ])("%j → %j", (input, expected) => {
    expect(plural(input)).toBe(expected);
  });
});

describe("singular", () => {
  it.each([
    ["OrderLines", "OrderLine"],
    ["order_lines", "order_line"],
    ["ORDER_LINES", "ORDER_LINE"],
    ["USERS", "USER"],
    ["people", "person"],
    ["People", "Person"],
    ["SalesPeople", "SalesPerson"],
    ["children", "child"],
    ["categories", "category"],
    ["PRODUCT_CATEGORIES", "PRODUCT_CATEGORY"],
    ["statuses", "status"],
    ["status", "status"],
    ["addresses", "address"],
    ["address", "address"],
    ["userIDs", "userID"],
    ["user_ids", "user_id"],
    ["user", "user"],
    ["data", "data"],
    ["metadata", "metadata"],
    ["axis", "axis"],
    ["cookies", "cookie"],
    ["canvases", "canvas"],
    ["analyses", "analysis"],
    ["news", "news"],
    ["", ""],
    ["s", "s"],
  ])("%j → %j", (input, expected) => {
    expect(singular(input)).toBe(expected);
  });
});

describe("properties", () => {
  const identifier = fc.array(fc.stringMatching(/^[a-z]{2,8}$/), { minLength: 1, maxLength: 4 });

  it("only the last word changes, and the case style stays", () => {
    fc.assert(
      fc.property(identifier, fc.constantFrom(camel, pascal, snake, kebab, constant), fc.constantFrom(plural, singular), (ws, style, inflect) => {
        const x = style(ws.join(" "));
        const out = inflect(x);
        const before = words(x);
        const after = words(out);
        expect(after.length).toBe(before.length);
        expect(after.slice(0, -1)).toEqual(before.slice(0, -1));
        expect(style(out)).toBe(out);
      }),
    );
  });

  it("is total on any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => {
        expect(typeof plural(s)).toBe("string");
        expect(typeof singular(s)).toBe("string");
      }),
    );
  });
});
