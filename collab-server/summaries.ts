import type { Extension } from "@hocuspocus/server";
import type { Logger } from "pino";
import type * as Y from "yjs";
import { readMetamodel } from "../core/collab/metamodel-doc";
import { readModel } from "../core/collab/model-doc";
import { readTemplate } from "../core/collab/template-doc";
import type { Db } from "../db/client";
import { updateMetamodelSummary } from "../db/queries/metamodels";
import { updateModelSummary } from "../db/queries/models";
import { updateTemplateSummary } from "../db/queries/templates";

/**
 * Keeps list rows in step with document content (names and counts of meta-models, models and
 * templates), a moment after the last change and when the document is unloaded.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How each kind of document refreshes its list row. */
const SUMMARIES: Record<string, (db: Db, id: string, doc: Y.Doc) => Promise<void>> = {
  metamodel: (db, metamodelId, doc) => {
    const mm = readMetamodel(doc);
    return updateMetamodelSummary(db, { metamodelId, name: mm.name, description: mm.description, classCount: mm.classes.length, enumCount: mm.enums.length });
  },
  model: (db, modelId, doc) => {
    const model = readModel(doc);
    return updateModelSummary(db, { modelId, name: model.name, description: model.description, objectCount: model.objects.length });
  },
  template: (db, templateId, doc) => {
    const t = readTemplate(doc);
    return updateTemplateSummary(db, { templateId, name: t.name, description: t.description, fileCount: t.files.length });
  },
};

function parseName(documentName: string): { kind: string; id: string } | null {
  const colon = documentName.indexOf(":");
  const kind = documentName.slice(0, colon);
  const id = documentName.slice(colon + 1);
  return colon > 0 && SUMMARIES[kind] && UUID.test(id) ? { kind, id } : null;
}

export class SummaryExtension implements Extension {
  readonly extensionName = "metaforge-summaries";
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly options: { db: Db; log: Logger; delayMs?: number }) {}

  async onChange({ documentName, document }: { documentName: string; document: Y.Doc }) {
    if (!parseName(documentName)) return;
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
    const parsed = parseName(documentName);
    if (!parsed) return;
    try {
      await SUMMARIES[parsed.kind]!(this.options.db, parsed.id, document);
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
