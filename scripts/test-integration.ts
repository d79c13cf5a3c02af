/**
 * Runs the integration tests against the embedded PostgreSQL, then, when TEST_DATABASE_URL is set (or in
 * CI, when a server answers on 127.0.0.1:5432), again against that server.
 */
import { spawnSync } from "node:child_process";
import net from "node:net";

const CI_URL = "postgres://postgres@127.0.0.1:5432/test";

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(1000);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(false));
  });
}

function run(label: string, env: NodeJS.ProcessEnv): number {
  console.log(`\n▶ integration tests: ${label}`);
  const result = spawnSync("npx", ["vitest", "run", "--project", "integration", ...process.argv.slice(2)], {
    stdio: "inherit",
    env,
  });
  return result.status ?? 1;
}

const { TEST_DATABASE_URL, ...rest } = process.env;
let failed = run("embedded PostgreSQL", rest) !== 0;

let external = TEST_DATABASE_URL;
if (!external && process.env.CI && (await reachable("127.0.0.1", 5432))) external = CI_URL;
if (external) failed = run(`external PostgreSQL (${new URL(external).host})`, { ...rest, TEST_DATABASE_URL: external }) !== 0 || failed;
else console.log("\n(no external PostgreSQL: set TEST_DATABASE_URL to also run against one)");

process.exit(failed ? 1 : 0);
