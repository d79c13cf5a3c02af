import { defineMetamodel } from "../builder";

export const entityRelational = () =>
  defineMetamodel("Data model", "Entities with typed fields, relationships and indexes: the source for SQL DDL, ORM schemas and types.", (m) => {
    m.enum("FieldType", ["string", "text", "integer", "bigint", "decimal", "boolean", "date", "timestamp", "uuid", "json", "enumerated"]);
    m.enum("Cardinality", ["oneToOne", "oneToMany", "manyToMany"]);
    m.enum("OnDelete", ["cascade", "restrict", "setNull", "noAction"]);
    m.class("Schema", { description: "A database schema: the root of the model." })
      .attr("name", "string", { required: true })
      .attr("namespace", "string", { description: "Database schema or package the tables go into." })
      .contains("entities", "Entity")
      .contains("relationships", "Relationship")
      .contains("enumTypes", "EnumType");
    m.class("Entity", { description: "A thing the system stores: one table." })
      .attr("name", "string", { required: true, unique: true })
      .attr("tableName", "string")
      .attr("description", "text")
      .attr("auditable", "bool", { default: true, description: "Adds created/updated timestamps." })
      .contains("fields", "Field", { mult: "1..*" })
      .contains("indexes", "Index");
    m.class("Field", { description: "A column." })
      .attr("name", "string", { required: true })
      .attr("type", "enum:FieldType", { required: true, default: "string" })
      .attr("nullable", "bool", { default: false })
      .attr("primaryKey", "bool", { default: false })
      .attr("unique", "bool", { default: false })
      .attr("length", "int")
      .attr("defaultValue", "string")
      .ref("enumType", "EnumType", { description: "For fields restricted to a fixed set of values." });
    m.class("Relationship", { description: "A foreign-key link between two entities." })
      .attr("name", "string", { required: true })
      .attr("cardinality", "enum:Cardinality", { required: true, default: "oneToMany" })
      .attr("onDelete", "enum:OnDelete", { default: "restrict" })
      .ref("source", "Entity", { mult: "1" })
      .ref("target", "Entity", { mult: "1" });
    m.class("EnumType", { description: "A named set of allowed values, e.g. order_status." })
      .attr("name", "string", { required: true, unique: true })
      .attr("values", "string", { many: true, required: true });
    m.class("Index")
      .attr("name", "string", { required: true })
      .attr("unique", "bool", { default: false })
      .ref("fields", "Field", { mult: "1..*" });
  });
