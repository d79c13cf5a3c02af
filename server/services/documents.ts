import * as Y from "yjs";
import { readMetamodel } from "../../core/collab/metamodel-doc";
import { readModel } from "../../core/collab/model-doc";
import { readTemplate } from "../../core/collab/template-doc";
import { metamodelDocumentName } from "../../core/metamodel/inputs";
import { modelDocumentName } from "../../core/model/inputs";
import { templateDocumentName } from "../../core/templates/inputs";
import type { Executor } from "../../db/client";
import { loadDocument } from "../../db/queries/collab";

/**
 * The current content of live documents, read from their Postgres log (every update the collab-server
 * acknowledged is there), for work that happens outside an editor: generation, publishing, checks.
 */

export async function loadYDoc(db: Executor, name: string): Promise<Y.Doc | undefined> {
  const stored = await loadDocument(db, { name });
  if (!stored) return undefined;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u.update);
  return doc;
}

async function read<T>(db: Executor, name: string, reader: (doc: Y.Doc) => T): Promise<T | undefined> {
  const doc = await loadYDoc(db, name);
  if (!doc) return undefined;
  try {
    return reader(doc);
  } finally {
    doc.destroy();
  }
}

export const readMetamodelContent = (db: Executor, metamodelId: string) => read(db, metamodelDocumentName(metamodelId), readMetamodel);
export const readModelContent = (db: Executor, modelId: string) => read(db, modelDocumentName(modelId), readModel);
export const readTemplateDraft = (db: Executor, templateId: string) => read(db, templateDocumentName(templateId), readTemplate);

export function snapshotOf(doc: Y.Doc): Uint8Array {
  const snapshot = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return snapshot;
}
