import { defineMetamodel } from "../builder";

export const featureFlags = () =>
  defineMetamodel("Feature flags and configuration", "Flags with variations and targeting rules per environment, plus typed settings: the source for SDK types, config files and docs.", (m) => {
    m.enum("FlagKind", ["boolean", "multivariate", "percentage"]);
    m.enum("Operator", ["in", "notIn", "startsWith", "endsWith", "greaterThan", "lessThan", "semverAtLeast"]);
    m.enum("SettingType", ["string", "int", "float", "bool", "duration", "url", "json"]);
    m.class("Application")
      .attr("name", "string", { required: true })
      .attr("owner", "string")
      .contains("environments", "Environment", { mult: "1..*" })
      .contains("flags", "Flag")
      .contains("segments", "Segment")
      .contains("settings", "Setting");
    m.class("Environment")
      .attr("key", "string", { required: true, unique: true })
      .attr("name", "string", { required: true })
      .attr("production", "bool", { default: false });
    m.class("Flag")
      .attr("key", "string", { required: true, unique: true })
      .attr("description", "text")
      .attr("kind", "enum:FlagKind", { required: true, default: "boolean" })
      .attr("temporary", "bool", { default: true })
      .attr("expiresOn", "date")
      .attr("owner", "string")
      .contains("variations", "Variation", { mult: "2..*" })
      .contains("rules", "TargetingRule")
      .ref("defaultVariation", "Variation", { mult: "1" });
    m.class("Variation")
      .attr("key", "string", { required: true })
      .attr("value", "json", { required: true, default: "true" })
      .attr("description", "string");
    m.class("TargetingRule", { description: "In this environment, serve this variation to this segment (or a percentage)." })
      .attr("priority", "int", { required: true, default: 1 })
      .attr("rolloutPercent", "int", { default: 100 })
      .ref("environment", "Environment", { mult: "1" })
      .ref("segment", "Segment")
      .ref("serve", "Variation", { mult: "1" });
    m.class("Segment")
      .attr("key", "string", { required: true, unique: true })
      .attr("description", "text")
      .contains("conditions", "Condition", { mult: "1..*" });
    m.class("Condition")
      .attr("attribute", "string", { required: true })
      .attr("operator", "enum:Operator", { required: true, default: "in" })
      .attr("values", "string", { many: true });
    m.class("Setting")
      .attr("key", "string", { required: true, unique: true })
      .attr("type", "enum:SettingType", { required: true, default: "string" })
      .attr("defaultValue", "string")
      .attr("secret", "bool", { default: false })
      .attr("description", "text")
      .contains("overrides", "SettingOverride");
    m.class("SettingOverride")
      .attr("value", "string", { required: true })
      .ref("environment", "Environment", { mult: "1" });
  });
