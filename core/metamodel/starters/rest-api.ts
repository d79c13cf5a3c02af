import { defineMetamodel } from "../builder";

export const restApi = () =>
  defineMetamodel("REST API", "Resources with fields and CRUD operations: the source for OpenAPI 3.1, clients and a service.", (m) => {
    m.enum("HttpMethod", ["GET", "POST", "PUT", "PATCH", "DELETE"]);
    m.enum("OperationKind", ["list", "get", "create", "update", "delete", "action"]);
    m.enum("FieldType", ["string", "integer", "number", "boolean", "date", "dateTime", "uuid", "object", "array"]);
    m.enum("AuthKind", ["none", "apiKey", "bearer", "oauth2"]);
    m.class("Api", { description: "One API: the root of the model." })
      .attr("title", "string", { required: true })
      .attr("version", "string", { required: true, default: "1.0.0" })
      .attr("baseUrl", "string")
      .attr("description", "text")
      .contains("resources", "Resource", { mult: "1..*" })
      .contains("securitySchemes", "SecurityScheme")
      .ref("defaultSecurity", "SecurityScheme");
    m.class("Resource", { description: "A collection of things addressed by a path, like /orders." })
      .attr("name", "string", { required: true, unique: true })
      .attr("path", "string", { required: true })
      .attr("description", "text")
      .attr("pageable", "bool", { default: true })
      .contains("fields", "Field", { mult: "1..*" })
      .contains("operations", "Operation", { mult: "1..*" })
      .ref("parent", "Resource", { description: "For nested paths like /orders/{id}/lines." });
    m.class("Field")
      .attr("name", "string", { required: true })
      .attr("type", "enum:FieldType", { required: true, default: "string" })
      .attr("format", "string")
      .attr("required", "bool", { default: false })
      .attr("readOnly", "bool", { default: false })
      .attr("description", "text")
      .ref("itemsOf", "Resource", { description: "For object and array fields: the resource they hold." });
    m.class("Operation")
      .attr("kind", "enum:OperationKind", { required: true })
      .attr("method", "enum:HttpMethod", { required: true })
      .attr("path", "string", { description: "Relative to the resource path, e.g. /{id}/cancel." })
      .attr("summary", "string")
      .attr("deprecated", "bool", { default: false })
      .contains("responses", "Response", { mult: "1..*" })
      .ref("security", "SecurityScheme");
    m.class("Response")
      .attr("status", "int", { required: true, default: 200 })
      .attr("description", "string", { required: true })
      .ref("body", "Resource");
    m.class("SecurityScheme")
      .attr("name", "string", { required: true })
      .attr("kind", "enum:AuthKind", { required: true, default: "bearer" })
      .attr("headerName", "string");
  });
