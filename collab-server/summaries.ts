import type { Extension } from "@hocuspocus/server";
import type { Logger } from "pino";
import type * as Y from "yjs";
import { readMetamodel } from "../core/collab/metamodel-doc";
import type { Db } from "../db/client";
import { updateMetamodelSummary } from "../db/queries/metamodels";

/**
 * Keeps list rows in step with document content (a meta-model's name, class and enum counts), a
 * moment after the last change and when the document is unloaded.
 */

export const METAMODEL_PREFIX = "metamodel:";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class SummaryExtension implements Extension {
  readonly extensionName = "metaforge-summaries";
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly options: { db: Db; log: Logger; delayMs?: number }) {}

  async onChange({ documentName, document }: { documentName: string; document: Y.Doc }) {
    if (!UUID.test(documentName.slice(METAMODEL_PREFIX.length)) || !documentName.startsWith(METAMODEL_PREFIX)) return;
    clearTimeout(this.timers.get(documentName));
    this.timers.set(
      documentName,
      setTimeout(() => void this.write(documentName, document), this.options.delayMs ?? 1000),
    );
  }

  async beforeUnloadDocument({ documentName, document }: { documentName: string; document: Y.Doc }) {
    const timer = this.timers.get(documentName);
    if (!timer) return;
    clearTimeout(timer);
    await this.write(documentName, document);
  }

  private async write(documentName: string, document: Y.Doc) {
    this.timers.delete(documentName);
    try {
      const mm = readMetamodel(document);
      await updateMetamodelSummary(this.options.db, {
        metamodelId: documentName.slice(METAMODEL_PREFIX.length),
        name: mm.name,
        description: mm.description,
        classCount: mm.classes.length,
        enumCount: mm.enums.length,
      });
    } catch (error) {
      this.options.log.warn({ err: error, documentName }, "could not refresh the document summary");
    }
  }

  async flushAll(documents: Map<string, Y.Doc>) {
    for (const [name, timer] of [...this.timers]) {
      clearTimeout(timer);
      const doc = documents.get(name);
      if (doc) await this.write(name, doc);
    }
  }
}
