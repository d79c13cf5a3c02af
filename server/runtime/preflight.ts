import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import postgres from "postgres";
import { redactUrl } from "../../db/client";

/** Checks run before anything slow starts, each failing with one sentence that says what to do. */

export class StartupError extends Error {
  override readonly name = "StartupError";
}

export function checkPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(
          new StartupError(
            `Port ${port} is already in use. Stop the program using it, or pick another port: PORT=${port + 1} npm start`,
          ),
        );
      } else if (error.code === "EACCES") {
        reject(new StartupError(`Port ${port} needs administrator rights. Use a port above 1023, e.g. PORT=3000.`));
      } else if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") {
        reject(new StartupError(`HOST=${host} is not an address of this machine. Use HOST=0.0.0.0 or HOST=127.0.0.1.`));
      } else {
        reject(new StartupError(`Cannot listen on ${host}:${port}: ${error.message}`));
      }
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** One running app per data folder: a pid file in it, refused while its process lives. */
export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "app.pid");
  try {
    const pid = Number.parseInt(fs.readFileSync(file, "utf8"), 10);
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
      throw new StartupError(
        `Another Metaforge (pid ${pid}) is already running with the data folder ${dataDir}. Stop it first, or use another folder: DATA_DIR=.data-2 npm start`,
      );
    }
  } catch (error) {
    if (error instanceof StartupError) throw error;
  }
  fs.writeFileSync(file, String(process.pid));
  return () => {
    try {
      if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.unlinkSync(file);
    } catch {
      /* already gone */
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Connects once to an external database to fail early and clearly when it cannot be reached. */
export async function checkDatabase(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await sql`select 1`;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new StartupError(
      `Cannot connect to the database at ${redactUrl(url)} (${reason}). Check DATABASE_URL, or unset it to use the embedded database.`,
    );
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}
