import { defineMetamodel } from "../builder";

export const stateMachine = () =>
  defineMetamodel("State machine", "States, events and guarded transitions, with nested states: the source for typed state machines and diagrams.", (m) => {
    m.class("RegionOwner", { abstract: true, description: "Something made of regions: the machine, or a composite state." })
      .contains("regions", "Region", { mult: "1..*" });
    m.class("StateMachine", { extends: ["RegionOwner"] })
      .attr("name", "string", { required: true })
      .attr("description", "text")
      .contains("events", "Event")
      .contains("variables", "Variable");
    m.class("Region")
      .attr("name", "string")
      .contains("vertices", "Vertex", { mult: "1..*" })
      .contains("transitions", "Transition");
    m.class("Vertex", { abstract: true })
      .attr("name", "string", { required: true })
      .ref("outgoing", "Transition", { mult: "0..*", opposite: "source" })
      .ref("incoming", "Transition", { mult: "0..*", opposite: "target" });
    m.class("InitialState", { extends: ["Vertex"] });
    m.class("FinalState", { extends: ["Vertex"] });
    m.class("State", { extends: ["Vertex"] })
      .attr("entryAction", "string")
      .attr("exitAction", "string")
      .attr("doActivity", "string");
    m.class("CompositeState", { extends: ["State", "RegionOwner"] });
    m.class("Transition")
      .attr("guard", "string", { description: "A boolean expression over the machine's variables." })
      .attr("effect", "string")
      .ref("source", "Vertex", { mult: "1", opposite: "outgoing" })
      .ref("target", "Vertex", { mult: "1", opposite: "incoming" })
      .ref("trigger", "Event");
    m.class("Event")
      .attr("name", "string", { required: true, unique: true })
      .attr("payloadType", "string");
    m.class("Variable")
      .attr("name", "string", { required: true })
      .attr("type", "string", { required: true, default: "boolean" })
      .attr("initialValue", "string");
  });
