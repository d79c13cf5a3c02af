import { defineMetamodel } from "../builder";

export const workflow = () =>
  defineMetamodel("Workflow", "BPMN-lite processes: events, tasks, gateways and sequence flows in lanes. The source for process engines and docs.", (m) => {
    m.enum("TaskKind", ["user", "service", "script", "manual", "send", "receive"]);
    m.enum("GatewayKind", ["exclusive", "parallel", "inclusive"]);
    m.class("Process")
      .attr("name", "string", { required: true })
      .attr("version", "int", { required: true, default: 1 })
      .attr("description", "text")
      .contains("lanes", "Lane")
      .contains("nodes", "FlowNode", { mult: "2..*" })
      .contains("flows", "SequenceFlow", { mult: "1..*" })
      .contains("dataObjects", "DataObject");
    m.class("Lane", { description: "Who does the work: a role or a system." })
      .attr("name", "string", { required: true })
      .attr("role", "string");
    m.class("FlowNode", { abstract: true })
      .attr("name", "string", { required: true })
      .attr("documentation", "text")
      .ref("lane", "Lane");
    m.class("StartEvent", { extends: ["FlowNode"] }).attr("trigger", "string", { description: "Message, timer or signal that starts the process." });
    m.class("EndEvent", { extends: ["FlowNode"] }).attr("terminate", "bool", { default: false });
    m.class("TimerEvent", { extends: ["FlowNode"] }).attr("duration", "string", { required: true, default: "PT1H" });
    m.class("Task", { extends: ["FlowNode"] })
      .attr("kind", "enum:TaskKind", { required: true, default: "user" })
      .attr("assignee", "string")
      .attr("implementation", "string", { description: "Service name or script for automated tasks." })
      .attr("timeoutMinutes", "int")
      .ref("reads", "DataObject", { mult: "0..*" })
      .ref("writes", "DataObject", { mult: "0..*" });
    m.class("Gateway", { extends: ["FlowNode"] })
      .attr("kind", "enum:GatewayKind", { required: true, default: "exclusive" })
      .ref("defaultFlow", "SequenceFlow");
    m.class("SequenceFlow")
      .attr("name", "string")
      .attr("condition", "string")
      .ref("source", "FlowNode", { mult: "1" })
      .ref("target", "FlowNode", { mult: "1" });
    m.class("DataObject")
      .attr("name", "string", { required: true })
      .attr("schema", "json");
  });
