import PgBoss from "pg-boss";
import type { Logger } from "pino";
import type { Db } from "../../db/client";
import { executeRun, registerJobQueue, type JobQueue } from "../services/generation-service";
import { registerPatternQueue, type AnalysisJob } from "../services/pattern-service";
import { executeAnalysis, interruptRunningAnalyses } from "../services/pattern-service-runner";

/**
 * Background jobs on the same PostgreSQL (pg-boss, in its own `pgboss` schema). The app process runs
 * the workers; services enqueue through the registered JobQueue.
 */

export const GENERATION_QUEUE = "generation-run";
export const PATTERN_QUEUE = "pattern-analysis";

export interface Jobs extends JobQueue {
  stop(): Promise<void>;
}

export async function startJobs(options: { databaseUrl: string; db: Db; log: Logger; pollingIntervalSeconds?: number }): Promise<Jobs> {
  const { db, log } = options;
  const boss = new PgBoss({ connectionString: options.databaseUrl, max: 2 });
  boss.on("error", (error) => log.error({ err: error }, "job queue error"));
  await boss.start();
  await boss.createQueue(GENERATION_QUEUE);
  await boss.work<{ runId: string; workspaceId: string }>(
    GENERATION_QUEUE,
    { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5, batchSize: 1 },
    async ([job]) => {
      if (job) await executeRun({ db, log }, job.data);
    },
  );
  await boss.createQueue(PATTERN_QUEUE);
  await boss.work<AnalysisJob>(PATTERN_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5, batchSize: 1 }, async ([job]) => {
    // A retry (the process died mid-run) takes over an analysis left "running".
    if (job) await executeAnalysis({ db, log }, job.data, { retry: true });
  });
  registerPatternQueue({
    async enqueueAnalysis(job) {
      await boss.send(PATTERN_QUEUE, job, { retryLimit: 1, expireInSeconds: 3600 });
    },
  });
  const jobs: Jobs = {
    async enqueueRun(run) {
      await boss.send(GENERATION_QUEUE, run, { retryLimit: 1 });
    },
    async stop() {
      registerJobQueue(undefined);
      registerPatternQueue(undefined);
      await interruptRunningAnalyses(db);
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
  registerJobQueue(jobs);
  return jobs;
}
