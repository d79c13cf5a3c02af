import type { MetaModel } from "../schema";
import { c4Architecture } from "./c4-architecture";
import { entityRelational } from "./entity-relational";
import { eventSourcing } from "./event-sourcing";
import { featureFlags } from "./feature-flags";
import { restApi } from "./rest-api";
import { stateMachine } from "./state-machine";
import { uiForms } from "./ui-forms";
import { workflow } from "./workflow";

/** Built-in starter meta-models a user can begin from. Each is a real design that validates cleanly. */

export interface Starter {
  key: string;
  title: string;
  summary: string;
  build(): MetaModel;
}

export const STARTERS: Starter[] = [
  { key: "entity-relational", title: "Entity / relational data model", summary: "Entities, fields, relationships, indexes", build: entityRelational },
  { key: "rest-api", title: "REST resource API", summary: "Resources, fields, operations, responses, auth", build: restApi },
  { key: "state-machine", title: "State machine", summary: "States, events, guarded transitions, nesting", build: stateMachine },
  { key: "event-sourcing", title: "Event-sourced domain", summary: "Aggregates, commands, events, policies, projections", build: eventSourcing },
  { key: "ui-forms", title: "UI forms", summary: "Forms, sections, typed fields, validation, conditions", build: uiForms },
  { key: "workflow", title: "Workflow (BPMN-lite)", summary: "Processes, lanes, tasks, gateways, flows", build: workflow },
  { key: "feature-flags", title: "Feature flags and configuration", summary: "Flags, variations, targeting, environments, settings", build: featureFlags },
  { key: "c4-architecture", title: "Service architecture (C4)", summary: "People, systems, containers, components, deployment", build: c4Architecture },
];

export const STARTER_KEYS = STARTERS.map((s) => s.key) as [string, ...string[]];

export function starterByKey(key: string): Starter | undefined {
  return STARTERS.find((s) => s.key === key);
}
