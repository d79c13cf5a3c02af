/** `npm run build`: the production build `npm start` would make, stamped so start knows it is current. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runBuild } from "../server/runtime/build";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const started = Date.now();
try {
  await runBuild(root, (line) => console.log(line));
  console.log(`Build finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`✖ ${(error as Error).message}`);
  process.exit(1);
}
