export * from "./app-meta";
export * from "./auth";
export * from "./collab";
export * from "./metamodels";
export * from "./projects";
export * from "./workspaces";
