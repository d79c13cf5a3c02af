import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { camel, capitalize, constant, dot, kebab, pascal, snake, title, wordSpans, words } from "./case";

describe("words", () => {
  it.each([
    ["", []],
    ["   ", []],
    ["_-./ ", []],
    ["user", ["user"]],
    ["userService", ["user", "Service"]],
    ["UserService", ["User", "Service"]],
    ["user_service", ["user", "service"]],
    ["user-service", ["user", "service"]],
    ["user service", ["user", "service"]],
    ["user.service", ["user", "service"]],
    ["user/service", ["user", "service"]],
    ["USER_SERVICE", ["USER", "SERVICE"]],
    ["__user__service__", ["user", "service"]],
    ["HTTPServer", ["HTTP", "Server"]],
    ["XMLHttpRequest", ["XML", "Http", "Request"]],
    ["userID", ["user", "ID"]],
    ["userIDs", ["user", "IDs"]],
    ["APIsList", ["APIs", "List"]],
    ["getHTTPResponseCode", ["get", "HTTP", "Response", "Code"]],
    ["v2Api", ["v2", "Api"]],
    ["v2api", ["v2api"]],
    ["base64Encode", ["base64", "Encode"]],
    ["HTML5Parser", ["HTML5", "Parser"]],
    ["utf8", ["utf8"]],
    ["2fa", ["2fa"]],
    ["user2FA", ["user2", "FA"]],
    ["order_line_2", ["order", "line", "2"]],
    ["A", ["A"]],
    ["aB", ["a", "B"]],
    ["ÉcoleNormale", ["École", "Normale"]],
    ["straßeName", ["straße", "Name"]],
    ["e\u0301tat", ["e\u0301tat"]],
    ["mixed-Case_with.all/seps and spaces", ["mixed", "Case", "with", "all", "seps", "and", "spaces"]],
  ])("%j → %j", (input, expected) => {
    expect(words(input)).toEqual(expected);
  });

  it("gives positions that slice back to the words, in order, without overlaps", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite", maxLength: 40 }), (s) => {
        const spans = wordSpans(s);
        let last = 0;
        for (const span of spans) {
          expect(span.start).toBeGreaterThanOrEqual(last);
          expect(span.end).toBeGreaterThan(span.start);
          last = span.end;
        }
        expect(spans.map((sp) => s.slice(sp.start, sp.end))).toEqual(words(s));
      }),
    );
  });

  it("is total on any string (lone surrogates, controls, emoji)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (s) => {
        for (const f of [words, camel, pascal, snake, kebab, constant, title, dot]) f(s);
      }),
    );
    expect(words("a\uD800b")).toEqual(["a", "b"]);
    expect(snake("rocket🚀launch")).toBe("rocket_launch");
  });
});

describe("conversions", () => {
  // input, camel, pascal, snake, kebab, constant, title, dot
  const table: Array<[string, string, string, string, string, string, string, string]> = [
    ["user service", "userService", "UserService", "user_service", "user-service", "USER_SERVICE", "User Service", "user.service"],
    ["userService", "userService", "UserService", "user_service", "user-service", "USER_SERVICE", "User Service", "user.service"],
    ["UserService", "userService", "UserService", "user_service", "user-service", "USER_SERVICE", "User Service", "user.service"],
    ["user_service", "userService", "UserService", "user_service", "user-service", "USER_SERVICE", "User Service", "user.service"],
    ["user-service", "userService", "UserService", "user_service", "user-service", "USER_SERVICE", "User Service", "user.service"],
    ["USER_SERVICE", "userService", "UserService", "user_service", "user-service", "USER_SERVICE", "User Service", "user.service"],
    ["user.service", "userService", "UserService", "user_service", "user-service", "USER_SERVICE", "User Service", "user.service"],
    ["HTTPServer", "httpServer", "HttpServer", "http_server", "http-server", "HTTP_SERVER", "HTTP Server", "http.server"],
    ["http server", "httpServer", "HttpServer", "http_server", "http-server", "HTTP_SERVER", "Http Server", "http.server"],
    ["userID", "userId", "UserId", "user_id", "user-id", "USER_ID", "User ID", "user.id"],
    ["USER_ID", "userId", "UserId", "user_id", "user-id", "USER_ID", "User Id", "user.id"],
    ["userIDs", "userIds", "UserIds", "user_ids", "user-ids", "USER_IDS", "User IDs", "user.ids"],
    ["XMLHttpRequest", "xmlHttpRequest", "XmlHttpRequest", "xml_http_request", "xml-http-request", "XML_HTTP_REQUEST", "XML Http Request", "xml.http.request"],
    ["v2Api", "v2Api", "V2Api", "v2_api", "v2-api", "V2_API", "V2 Api", "v2.api"],
    ["order line", "orderLine", "OrderLine", "order_line", "order-line", "ORDER_LINE", "Order Line", "order.line"],
    ["OrderLines", "orderLines", "OrderLines", "order_lines", "order-lines", "ORDER_LINES", "Order Lines", "order.lines"],
    ["a", "a", "A", "a", "a", "A", "A", "a"],
    ["", "", "", "", "", "", "", ""],
    ["  --  ", "", "", "", "", "", "", ""],
    ["école normale", "écoleNormale", "ÉcoleNormale", "école_normale", "école-normale", "ÉCOLE_NORMALE", "École Normale", "école.normale"],
    ["created_at", "createdAt", "CreatedAt", "created_at", "created-at", "CREATED_AT", "Created At", "created.at"],
    ["api/v1/users", "apiV1Users", "ApiV1Users", "api_v1_users", "api-v1-users", "API_V1_USERS", "Api V1 Users", "api.v1.users"],
  ];
  it.each(table)("%j", (input, c, p, s, k, k2, t, d) => {
    expect({
      camel: camel(input),
      pascal: pascal(input),
      snake: snake(input),
      kebab: kebab(input),
      constant: constant(input),
      title: title(input),
      dot: dot(input),
    }).toEqual({ camel: c, pascal: p, snake: s, kebab: k, constant: k2, title: t, dot: d });
  });

  it("capitalize", () => {
    expect(capitalize("")).toBe("");
    expect(capitalize("hTTP")).toBe("Http");
    expect(capitalize("école")).toBe("École");
    expect(capitalize("2fa")).toBe("2fa");
  });
});

describe("round trips on identifier-like words", () => {
  /**
   * Words of lower-case ASCII letters. A one-letter word followed by another one-letter word, or by a
   * two-letter word ending in "s", is left out: PascalCase "a b c" is "ABC" and "a is" is "AIs",
   * which read back as the acronym "ABC" and the plural acronym "AIs" (as in "userIDs") — an
   * ambiguity of the case styles themselves, not of the splitter.
   */
  const ambiguousPair = (a: string, b: string) => a.length === 1 && (b.length === 1 || (b.length === 2 && b[1] === "s"));
  const identifier = fc
    .array(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 6 })
    .filter((ws) => ws.every((w, i) => i === 0 || !ambiguousPair(ws[i - 1]!, w)));
  const lowerWords = (s: string) => words(s).map((w) => w.toLowerCase());

  it("every case splits back into the same words", () => {
    fc.assert(
      fc.property(identifier, fc.constantFrom(" ", "_", "-", ".", "/"), (ws, sep) => {
        const x = ws.join(sep);
        for (const f of [camel, pascal, snake, kebab, constant, title, dot]) {
          expect(lowerWords(f(x))).toEqual(ws);
        }
      }),
    );
  });

  it("camel(snake(camel(x))) === camel(x), and the same for every pair of cases", () => {
    const cases = [camel, pascal, snake, kebab, constant, title, dot];
    fc.assert(
      fc.property(identifier, fc.constantFrom(...cases), fc.constantFrom(...cases), (ws, f, g) => {
        const x = ws.join(" ");
        expect(camel(snake(camel(x)))).toBe(camel(x));
        expect(f(g(f(x)))).toBe(f(x));
      }),
    );
  });

  it("conversions are idempotent", () => {
    fc.assert(
      fc.property(identifier, (ws) => {
        const x = ws.join("_");
        for (const f of [camel, pascal, snake, kebab, constant, dot]) expect(f(f(x))).toBe(f(x));
      }),
    );
  });
});
