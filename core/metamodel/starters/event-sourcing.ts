import { defineMetamodel } from "../builder";

export const eventSourcing = () =>
  defineMetamodel("Event-sourced domain", "Aggregates that handle commands and emit events, with policies and projections: the source for handlers, event types and read models.", (m) => {
    m.enum("FieldType", ["string", "text", "int", "decimal", "bool", "date", "timestamp", "uuid", "money"]);
    m.class("BoundedContext", { description: "One part of the domain with its own language." })
      .attr("name", "string", { required: true })
      .attr("description", "text")
      .contains("aggregates", "Aggregate")
      .contains("policies", "Policy")
      .contains("projections", "Projection");
    m.class("Structure", { abstract: true, description: "Anything with typed fields." })
      .attr("name", "string", { required: true })
      .attr("description", "text")
      .contains("fields", "Field");
    m.class("Field")
      .attr("name", "string", { required: true })
      .attr("type", "enum:FieldType", { required: true, default: "string" })
      .attr("required", "bool", { default: true })
      .attr("many", "bool", { default: false });
    m.class("Aggregate", { extends: ["Structure"], description: "A consistency boundary; its fields are its state." })
      .attr("identity", "string", { required: true, default: "id" })
      .contains("commands", "Command", { mult: "1..*" })
      .contains("events", "DomainEvent", { mult: "1..*" })
      .contains("invariants", "Invariant");
    m.class("Command", { extends: ["Structure"], description: "An intention, which the aggregate accepts or refuses." })
      .ref("emits", "DomainEvent", { mult: "1..*" });
    m.class("DomainEvent", { extends: ["Structure"], description: "A fact that happened; never changes once stored." })
      .attr("version", "int", { required: true, default: 1 });
    m.class("Invariant")
      .attr("name", "string", { required: true })
      .attr("rule", "text", { required: true });
    m.class("Policy", { description: "When this event happens, issue that command." })
      .attr("name", "string", { required: true })
      .ref("when", "DomainEvent", { mult: "1" })
      .ref("then", "Command", { mult: "1" });
    m.class("Projection", { extends: ["Structure"], description: "A read model built from events." })
      .ref("consumes", "DomainEvent", { mult: "1..*" });
  });
