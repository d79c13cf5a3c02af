import { defineMetamodel } from "../builder";

export const uiForms = () =>
  defineMetamodel("UI forms", "Forms made of sections and typed fields, with validation and conditional visibility: the source for form components and their schemas.", (m) => {
    m.enum("Operator", ["equals", "notEquals", "isEmpty", "isNotEmpty", "greaterThan", "lessThan"]);
    m.enum("RuleKind", ["required", "minLength", "maxLength", "pattern", "min", "max", "email", "custom"]);
    m.class("Form")
      .attr("name", "string", { required: true, unique: true })
      .attr("title", "string", { required: true })
      .attr("submitLabel", "string", { default: "Save" })
      .attr("description", "text")
      .contains("sections", "Section", { mult: "1..*" });
    m.class("Section")
      .attr("title", "string")
      .attr("columns", "int", { default: 1 })
      .attr("collapsible", "bool", { default: false })
      .contains("fields", "Field", { mult: "1..*" });
    m.class("Field", { abstract: true })
      .attr("name", "string", { required: true })
      .attr("label", "string", { required: true })
      .attr("help", "text")
      .attr("required", "bool", { default: false })
      .attr("readOnly", "bool", { default: false })
      .contains("rules", "ValidationRule")
      .contains("visibleWhen", "Condition", { mult: "0..1" });
    m.class("TextField", { extends: ["Field"] })
      .attr("placeholder", "string")
      .attr("multiline", "bool", { default: false })
      .attr("maxLength", "int");
    m.class("NumberField", { extends: ["Field"] })
      .attr("min", "float")
      .attr("max", "float")
      .attr("step", "float", { default: 1 })
      .attr("unit", "string");
    m.class("DateField", { extends: ["Field"] }).attr("withTime", "bool", { default: false });
    m.class("CheckboxField", { extends: ["Field"] }).attr("checkedByDefault", "bool", { default: false });
    m.class("SelectField", { extends: ["Field"] })
      .attr("multiple", "bool", { default: false })
      .contains("options", "Option", { mult: "1..*" });
    m.class("Option")
      .attr("value", "string", { required: true })
      .attr("label", "string", { required: true });
    m.class("ValidationRule")
      .attr("kind", "enum:RuleKind", { required: true })
      .attr("argument", "string")
      .attr("message", "string", { required: true });
    m.class("Condition", { description: "Show the field only when another field's value matches." })
      .attr("operator", "enum:Operator", { required: true, default: "equals" })
      .attr("value", "string")
      .ref("field", "Field", { mult: "1" });
  });
