export * from "./app-meta";
export * from "./auth";
export * from "./projects";
export * from "./workspaces";
