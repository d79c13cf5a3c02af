#!/usr/bin/env node
// `npx metaforge …`: runs the TypeScript command line through tsx (no build step).
import { register } from "tsx/esm/api";

register();
await import("./metaforge.ts");
