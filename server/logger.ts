import pino, { type Logger } from "pino";
import pretty from "pino-pretty";

/**
 * Structured logs (pino). JSON when stdout is not a terminal or LOG_FORMAT=json; readable lines otherwise.
 * The pretty stream runs in-process (no worker thread), so it works inside the Next.js server bundle too.
 */

function level(): pino.LevelWithSilent {
  const value = process.env.LOG_LEVEL;
  const allowed = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
  return (value && allowed.includes(value) ? value : "info") as pino.LevelWithSilent;
}

function usePretty(): boolean {
  if (process.env.LOG_FORMAT === "json") return false;
  if (process.env.LOG_FORMAT === "pretty") return true;
  return Boolean(process.stdout.isTTY);
}

export function createLogger(name = "metaforge"): Logger {
  const options: pino.LoggerOptions = {
    name,
    level: level(),
    redact: { paths: ["password", "*.password", "token", "*.token", "headers.cookie"], censor: "[redacted]" },
  };
  if (!usePretty()) return pino(options);
  return pino(options, pretty({ colorize: true, ignore: "pid,hostname", translateTime: "HH:MM:ss" }));
}

const globalForLogger = globalThis as unknown as { metaforgeLogger?: Logger };

export function getLogger(): Logger {
  globalForLogger.metaforgeLogger ??= createLogger();
  return globalForLogger.metaforgeLogger;
}
