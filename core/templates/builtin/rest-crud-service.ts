import { defineBuiltin } from "./define";
import { article, jsdoc } from "./shared";

/**
 * A small runnable CRUD service for the rest-api starter, in TypeScript on node:http only: an
 * in-memory store and routes per resource (from its list/get/create/update/delete operations;
 * actions answer 501 until written), JSON bodies checked against the resource's fields, and the
 * API's bearer or API-key security checked against the API_TOKEN environment variable.
 *
 * A resource's items are keyed by its `id` field (or its first field); read-only uuid, integer,
 * date and dateTime fields are filled in by the service. A model without an Api gets no files.
 */

/** A resource's item type name: `orders` → `Order`. Param: `resource`. */
const typeName = `{{ resource.name | singular | pascal }}`;

/** A field's TypeScript type. Param: `field`. */
const fieldType = `{%- liquid
  case field.type
    when "integer", "number"
      echo "number"
    when "boolean"
      echo "boolean"
    when "object"
      if field.itemsOf
        render "service/type-name", resource: field.itemsOf
      else
        echo "Record<string, unknown>"
      endif
    when "array"
      if field.itemsOf
        render "service/type-name", resource: field.itemsOf
        echo "[]"
      else
        echo "unknown[]"
      endif
    else
      echo "string"
  endcase
-%}`;

/** The check (a member of `is` in http.ts) for a field's values. Param: `field`. */
const fieldCheck = `{%- liquid
  if field.type == "string" and field.format == "email"
    echo "is.email"
  else
    echo "is." | append: field.type
  endif
-%}`;

/** What a field's values must be, for messages. Param: `field`. */
const fieldExpected = `{%- liquid
  case field.type
    when "string"
      if field.format == "email"
        echo "an email address"
      else
        echo "a string"
      endif
    when "integer"
      echo "an integer"
    when "number"
      echo "a number"
    when "boolean"
      echo "true or false"
    when "date"
      echo "a date (YYYY-MM-DD)"
    when "dateTime"
      echo "a date and time (ISO 8601)"
    when "uuid"
      echo "a UUID"
    when "object"
      echo "an object"
    when "array"
      echo "an array"
  endcase
-%}`;

/** The value a service fills in for a read-only field, or nothing. Param: `field`. */
const generatedValue = `{%- liquid
  case field.type
    when "uuid"
      echo "randomUUID()"
    when "integer"
      echo "nextId++"
    when "dateTime"
      echo "new Date().toISOString()"
    when "date"
      echo "new Date().toISOString().slice(0, 10)"
    else
      if field.required
        case field.type
          when "integer", "number"
            echo "0"
          when "boolean"
            echo "false"
          when "object"
            echo "{}"
          when "array"
            echo "[]"
          else
            echo '""'
        endcase
      endif
  endcase
-%}`;

/** The status of an operation's success response. Param: `operation`. */
const successStatus = `{%- liquid
  assign status = ""
  for response in operation.responses
    if status == blank and response.status >= 200 and response.status < 300
      assign status = response.status
    endif
  endfor
  if status == blank
    case operation.kind
      when "create"
        assign status = 201
      when "delete"
        assign status = 204
      else
        assign status = 200
    endcase
  endif
  echo status
-%}`;

/** The security scheme name of an operation (its own, or the API's default), or nothing. Params: `operation`, `api`. */
const securityName = `{%- liquid
  if operation.security
    assign scheme = operation.security
  else
    assign scheme = api.defaultSecurity
  endif
  if scheme and scheme.kind != "none"
    echo scheme.name
  endif
-%}`;

const packageJson = `{%- assign api = model.all.Api.first -%}
{
  "name": {{ api.title | default: model.name | kebab | quote: "json" }},
  "version": {{ api.version | default: "1.0.0" | quote: "json" }},
  "private": true,
{%- if api.description != blank -%}
  "description": {{ api.description | strip | quote: "json" }},
{%- endif -%}
  "type": "module",
  "scripts": {
    "start": "tsx src/server.ts",
    "dev": "tsx watch src/server.ts",
    "typecheck": "tsc --noEmit"
  },
  "devDependencies": {
    "@types/node": "^20.19.0",
    "tsx": "^4.20.0",
    "typescript": "^5.9.0"
  }
}
`;

const tsconfig = `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    "noUncheckedIndexedAccess": true,
    "noEmit": true,
    "skipLibCheck": true,
    "types": ["node"]
  },
  "include": ["src"]
}
`;

const httpBody = `import type { IncomingMessage, ServerResponse } from "node:http";

/** An error answered with its HTTP status and a JSON body \`{ error, details }\`. */
export class HttpError extends Error {
  readonly status: number;
  readonly details: string[];

  constructor(status: number, message: string, details: string[] = []) {
    super(message);
    this.status = status;
    this.details = details;
  }
}

export interface Request {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export interface Reply {
  status: number;
  body?: unknown;
}

export interface Route {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The path with {parameters}, e.g. /orders/{id}. */
  path: string;
  /** The security scheme that guards the route, or null. */
  security: string | null;
  handle(request: Request): Reply;
}

/** The parameters of \`path\` when it matches \`pattern\` (e.g. /orders/{id}), or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/").filter(Boolean);
  const got = path.split("/").filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const actual = got[i]!;
    if (part.startsWith("{") && part.endsWith("}")) params[part.slice(1, -1)] = decodeURIComponent(actual);
    else if (part !== actual) return null;
  }
  return params;
}

const MAX_BODY = 1_000_000;

/** The request's JSON body, or undefined when it has none. */
export async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY) throw new HttpError(413, "The body is too large.");
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "The body is not valid JSON.");
  }
}

export function send(response: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined || status === 204) {
    response.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

/** Checks for the field types of the API. */
export const is = {
  string: (v: unknown) => typeof v === "string",
  email: (v: unknown) => typeof v === "string" && /^[^@\\s]+@[^@\\s]+$/.test(v),
  integer: (v: unknown) => Number.isInteger(v),
  number: (v: unknown) => typeof v === "number" && Number.isFinite(v),
  boolean: (v: unknown) => typeof v === "boolean",
  date: (v: unknown) => typeof v === "string" && /^\\d{4}-\\d{2}-\\d{2}$/.test(v),
  dateTime: (v: unknown) => typeof v === "string" && !Number.isNaN(Date.parse(v)),
  uuid: (v: unknown) => typeof v === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  object: (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v),
  array: (v: unknown) => Array.isArray(v),
};

export interface FieldRule {
  name: string;
  /** What the values must be, e.g. "an integer". */
  expected: string;
  check: (value: unknown) => boolean;
  required: boolean;
  readOnly: boolean;
}

/**
 * The body as an object after checking it against a resource's fields: no unknown or read-only
 * fields, values of the right type, and (unless \`partial\`) every required field present.
 */
export function checkBody(body: unknown, rules: FieldRule[], partial: boolean): Record<string, unknown> {
  if (!is.object(body)) throw new HttpError(400, "The body must be a JSON object.");
  const input = body as Record<string, unknown>;
  const problems: string[] = [];
  for (const name of Object.keys(input)) {
    const rule = rules.find((r) => r.name === name);
    if (!rule) problems.push(name + " is not a field.");
    else if (rule.readOnly) problems.push(name + " is read-only.");
  }
  for (const rule of rules) {
    if (rule.readOnly) continue;
    const value = input[rule.name];
    if (value === undefined || value === null) {
      if (rule.required && !partial) problems.push(rule.name + " is required.");
    } else if (!rule.check(value)) {
      problems.push(rule.name + " must be " + rule.expected + ".");
    }
  }
  if (problems.length > 0) throw new HttpError(400, "The body is not valid.", problems);
  return input;
}

/** The limit and offset query parameters of a list. */
export function page(query: URLSearchParams): { limit: number; offset: number } {
  const limit = Number(query.get("limit") ?? 100);
  const offset = Number(query.get("offset") ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new HttpError(400, "limit must be an integer from 1 to 1000.");
  if (!Number.isInteger(offset) || offset < 0) throw new HttpError(400, "offset must be an integer of at least 0.");
  return { limit, offset };
}
`;

const resourceBody = `{%- liquid
  assign api = resource._container
  capture type
    render "service/type-name", resource: resource
  endcapture
  assign label = type | title | downcase
  capture aLabel
    render "a", word: label
  endcapture
  assign keys = resource.fields | where: "name", "id"
  if keys.size > 0
    assign keyName = keys.first.name | camel
  elsif resource.fields.size > 0
    assign keyName = resource.fields.first.name | camel
  else
    assign keyName = "id"
  endif
  assign imports = ""
  for field in resource.fields
    if field.itemsOf and field.itemsOf._id != resource._id
      assign other = field.itemsOf.name | kebab
      capture otherType
        render "service/type-name", resource: field.itemsOf
      endcapture
      assign imports = imports | append: "import type { " | append: otherType | append: ' } from "./' | append: other | append: '.js";,'
    endif
  endfor
  assign imports = imports | split: "," | uniq
  assign readOnly = resource.fields | where: "readOnly", true
  assign needsRandom = readOnly | where: "type", "uuid"
  assign needsCounter = readOnly | where: "type", "integer"
  capture httpImports
    echo "checkBody, HttpError, is"
    for operation in resource.operations
      if operation.kind == "list" and resource.pageable
        echo ", page"
        break
      endif
    endfor
    echo ", type FieldRule, type Route"
  endcapture
-%}
{%- if needsRandom.size > 0 -%}
import { randomUUID } from "node:crypto";
{%- endif -%}
import { {{ httpImports }} } from "../http.js";
{%- for line in imports -%}
{{ line }}
{%- endfor -%}

{%- if resource.description != blank -%}
{% render "jsdoc", text: resource.description %}
{%- endif -%}
export interface {{ type }} {
{%- for field in resource.fields -%}
{%- if field.description != blank -%}
  /** {{ field.description | strip_newlines | replace: "*/", "* /" }} */
{%- endif -%}
  {{ field.name | camel }}{% unless field.required %}?{% endunless %}: {% render "service/type", field: field %};
{%- endfor -%}
}

const fields: FieldRule[] = [
{%- for field in resource.fields -%}
  { name: {{ field.name | camel | quote: "typescript" }}, expected: "{% render "service/expected", field: field %}", check: {% render "service/check", field: field %}, required: {{ field.required }}, readOnly: {{ field.readOnly }} },
{%- endfor -%}
];

const store = new Map<string, {{ type }}>();
{%- if needsCounter.size > 0 -%}
let nextId = 1;
{%- endif -%}

function find(id: string | undefined): {{ type }} {
  const item = id === undefined ? undefined : store.get(id);
  if (!item) throw new HttpError(404, "There is no {{ label }} with this id.");
  return item;
}

{%- if readOnly.size > 0 -%}
/** {{ aLabel | capitalize }} from a checked body; read-only fields are kept from \`existing\` or filled in. */
function build(input: Record<string, unknown>, existing?: {{ type }}): {{ type }} {
{%- else -%}
/** {{ aLabel | capitalize }} from a checked body. */
function build(input: Record<string, unknown>): {{ type }} {
{%- endif -%}
  return {
{%- for field in resource.fields -%}
{%- capture fieldType %}{% render "service/type", field: field %}{% endcapture -%}
{%- if field.readOnly -%}
{%- capture value %}{% render "service/generated", field: field %}{% endcapture -%}
{%- if value != blank -%}
    {{ field.name | camel }}: existing?.{{ field.name | camel }} ?? {{ value }},
{%- else -%}
    {{ field.name | camel }}: existing?.{{ field.name | camel }},
{%- endif -%}
{%- elsif field.required -%}
    {{ field.name | camel }}: input[{{ field.name | camel | quote: "typescript" }}] as {{ fieldType }},
{%- else -%}
    {{ field.name | camel }}: input[{{ field.name | camel | quote: "typescript" }}] as {{ fieldType }} | undefined,
{%- endif -%}
{%- endfor -%}
  };
}

export const routes: Route[] = [
{%- for operation in resource.operations -%}
{%- assign path = resource.path | append: operation.path -%}
{%- if operation.kind == "get" or operation.kind == "update" or operation.kind == "delete" -%}
{%- unless path contains "{" -%}
{%- assign path = path | append: "/{id}" -%}
{%- endunless -%}
{%- endif -%}
{%- assign param = path | split: "{" | last | split: "}" | first -%}
{%- capture status %}{% render "service/status", operation: operation %}{% endcapture -%}
{%- capture security %}{% render "service/security", operation: operation, api: api %}{% endcapture -%}
  {
{%- if operation.summary != blank -%}
    // {{ operation.summary | strip_newlines }}
{%- endif -%}
    method: "{{ operation.method }}",
    path: {{ path | quote: "typescript" }},
    security: {% if security == blank %}null{% else %}{{ security | quote: "typescript" }}{% endif %},
{%- case operation.kind -%}
{%- when "list" -%}
{%- if resource.pageable -%}
    handle: ({ query }) => {
      const { limit, offset } = page(query);
      const items = [...store.values()];
      return { status: {{ status }}, body: { items: items.slice(offset, offset + limit), total: items.length } };
    },
{%- else -%}
    handle: () => ({ status: {{ status }}, body: [...store.values()] }),
{%- endif -%}
{%- when "get" -%}
    handle: ({ params }) => ({ status: {{ status }}, body: find(params[{{ param | quote: "typescript" }}]) }),
{%- when "create" -%}
    handle: ({ body }) => {
      const item = build(checkBody(body, fields, false));
      const id = String(item.{{ keyName }});
      if (store.has(id)) throw new HttpError(409, "There is already {{ aLabel }} with this id.");
      store.set(id, item);
      return { status: {{ status }}{% if status != "204" %}, body: item{% endif %} };
    },
{%- when "update" -%}
    handle: ({ params, body }) => {
      const existing = find(params[{{ param | quote: "typescript" }}]);
{%- if operation.method == "PATCH" -%}
      const item = build({ ...existing, ...checkBody(body, fields, true) }{% if readOnly.size > 0 %}, existing{% endif %});
{%- else -%}
      const item = build(checkBody(body, fields, false){% if readOnly.size > 0 %}, existing{% endif %});
{%- endif -%}
      store.set(String(existing.{{ keyName }}), item);
      return { status: {{ status }}{% if status != "204" %}, body: item{% endif %} };
    },
{%- when "delete" -%}
    handle: ({ params }) => {
      const item = find(params[{{ param | quote: "typescript" }}]);
      store.delete(String(item.{{ keyName }}));
      return { status: {{ status }} };
    },
{%- else -%}
    // An action: write what it does here.
    handle: () => ({ status: 501, body: { error: "Not implemented yet." } }),
{%- endcase -%}
  },
{%- endfor -%}
];
`;

const serverBody = `{%- liquid
  assign api = model.all.Api.first
  assign resources = model.all.Resource
-%}
import { createServer } from "node:http";
import { HttpError, match, readJson, send, type Route } from "./http.js";
{%- for resource in resources -%}
import { routes as {{ resource.name | camel }} } from "./resources/{{ resource.name | kebab }}.js";
{%- endfor -%}

const routes: Route[] = [{% for resource in resources %}...{{ resource.name | camel }}{% unless forloop.last %}, {% endunless %}{% endfor %}];

/** How each security scheme is checked: the token must equal API_TOKEN (any token when it is unset). */
const schemes: Record<string, { header: string; bearer: boolean }> = {
{%- for scheme in api.securitySchemes -%}
{%- case scheme.kind -%}
{%- when "bearer", "oauth2" -%}
  {{ scheme.name | quote: "typescript" }}: { header: "authorization", bearer: true },
{%- when "apiKey" -%}
  {{ scheme.name | quote: "typescript" }}: { header: {{ scheme.headerName | default: "x-api-key" | downcase | quote: "typescript" }}, bearer: false },
{%- endcase -%}
{%- endfor -%}
};

const token = process.env.API_TOKEN;
if (!token && Object.keys(schemes).length > 0) console.warn("API_TOKEN is not set: any token is accepted.");

function authorize(scheme: string | null, headers: Record<string, string | string[] | undefined>): void {
  const rule = scheme === null ? undefined : schemes[scheme];
  if (!rule) return;
  const raw = headers[rule.header];
  let given = Array.isArray(raw) ? raw[0] : raw;
  if (given !== undefined && rule.bearer) given = given.startsWith("Bearer ") ? given.slice(7) : undefined;
  if (!given || (token && given !== token)) throw new HttpError(401, "A valid token is needed.");
}

{%- assign basePath = "" -%}
{%- if api.baseUrl != blank -%}
{%- assign afterScheme = api.baseUrl | split: "://" | last -%}
{%- assign slash = afterScheme | split: "/" -%}
{%- if slash.size > 1 -%}
{%- assign basePath = afterScheme | remove_first: slash.first -%}
{%- endif -%}
{%- endif -%}
/** Where the API is served (from its base URL). */
const BASE_PATH: string = {{ basePath | quote: "typescript" }};

const server = createServer((request, response) => {
  void (async () => {
    try {
      const url = new URL(request.url ?? "/", "http://localhost");
      let path = url.pathname;
      if (BASE_PATH !== "" && (path === BASE_PATH || path.startsWith(BASE_PATH + "/"))) path = path.slice(BASE_PATH.length) || "/";
      let pathMatched = false;
      for (const route of routes) {
        const params = match(route.path, path);
        if (!params) continue;
        pathMatched = true;
        if (route.method !== request.method) continue;
        authorize(route.security, request.headers);
        const body = route.method === "GET" || route.method === "DELETE" ? undefined : await readJson(request);
        const reply = route.handle({ params, query: url.searchParams, body });
        send(response, reply.status, reply.body);
        return;
      }
      throw pathMatched ? new HttpError(405, "This method is not allowed here.") : new HttpError(404, "There is nothing here.");
    } catch (error) {
      if (error instanceof HttpError) {
        send(response, error.status, { error: error.message, ...(error.details.length > 0 ? { details: error.details } : {}) });
      } else {
        console.error(error);
        send(response, 500, { error: "Something went wrong." });
      }
    }
  })();
});

const port = Number(process.env.PORT ?? 3000);
server.listen(port, () => {
  console.log({{ api.title | default: model.name | append: " listening on http://localhost:" | quote: "typescript" }} + port + BASE_PATH);
});
`;

export const restCrudService = defineBuiltin({
  key: "rest-crud-service",
  title: "REST CRUD service (node:http)",
  summary: "A runnable TypeScript service on node:http: in-memory CRUD routes per resource, JSON checks, token security.",
  starter: "rest-api",
  language: "typescript",
  checks: ["typescript"],
  files: [
    { path: `{% if model.all.Api.size > 0 %}package.json{% endif %}`, body: packageJson },
    { path: `{% if model.all.Api.size > 0 %}tsconfig.json{% endif %}`, body: tsconfig },
    { path: `{% if model.all.Api.size > 0 %}src/http.ts{% endif %}`, body: httpBody },
    { path: `{% if model.all.Api.size > 0 %}src/server.ts{% endif %}`, body: serverBody },
    { path: "src/resources/{{ resource.name | kebab }}.ts", body: resourceBody, forEach: "Resource" },
  ],
  partials: [
    jsdoc("jsdoc"),
    article("a"),
    { name: "service/type-name", body: typeName },
    { name: "service/type", body: fieldType },
    { name: "service/check", body: fieldCheck },
    { name: "service/expected", body: fieldExpected },
    { name: "service/generated", body: generatedValue },
    { name: "service/status", body: successStatus },
    { name: "service/security", body: securityName },
  ],
});
