import { defineMetamodel } from "../builder";

export const c4Architecture = () =>
  defineMetamodel("Service architecture (C4)", "People, software systems, containers and components with their relationships and deployment: the source for C4 diagrams, service skeletons and docs.", (m) => {
    m.enum("ContainerKind", ["webApp", "mobileApp", "api", "worker", "database", "queue", "cache", "fileStore"]);
    m.enum("Interaction", ["sync", "async", "batch"]);
    m.class("ArchitectureModel")
      .attr("name", "string", { required: true })
      .attr("description", "text")
      .contains("people", "Person")
      .contains("systems", "SoftwareSystem", { mult: "1..*" })
      .contains("relationships", "Relationship")
      .contains("deployment", "DeploymentNode");
    m.class("Element", { abstract: true })
      .attr("name", "string", { required: true })
      .attr("description", "text")
      .attr("tags", "string", { many: true })
      .ref("outgoing", "Relationship", { mult: "0..*", opposite: "source" });
    m.class("Person", { extends: ["Element"] }).attr("external", "bool", { default: false });
    m.class("SoftwareSystem", { extends: ["Element"] })
      .attr("external", "bool", { default: false })
      .attr("owner", "string")
      .contains("containers", "Container");
    m.class("Container", { extends: ["Element"], description: "A separately deployable unit: an app, a service, a database." })
      .attr("kind", "enum:ContainerKind", { required: true, default: "api" })
      .attr("technology", "string")
      .contains("components", "Component");
    m.class("Component", { extends: ["Element"] }).attr("technology", "string");
    m.class("Relationship")
      .attr("description", "string", { required: true })
      .attr("technology", "string")
      .attr("interaction", "enum:Interaction", { default: "sync" })
      .ref("source", "Element", { mult: "1", opposite: "outgoing" })
      .ref("destination", "Element", { mult: "1" });
    m.class("DeploymentNode")
      .attr("name", "string", { required: true })
      .attr("technology", "string")
      .attr("instances", "int", { default: 1 })
      .contains("children", "DeploymentNode")
      .contains("runs", "ContainerInstance");
    m.class("ContainerInstance")
      .attr("replicas", "int", { default: 1 })
      .ref("container", "Container", { mult: "1" });
  });
