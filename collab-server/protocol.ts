import * as decoding from "lib0/decoding";

/**
 * Reads the Yjs document updates carried by one Hocuspocus message, without applying them:
 *   varString documentName, varUint messageType (0 Sync, 4 SyncReply), varUint syncType
 *   (1 SyncStep2, 2 Update), varUint8Array update.
 * Other messages (awareness, auth, SyncStep1, stateless) carry no document change.
 */

const SYNC = 0;
const SYNC_REPLY = 4;
const SYNC_STEP_2 = 1;
const UPDATE = 2;
/** An update that changes nothing encodes as [0, 0]. */
const EMPTY_UPDATE_LENGTH = 2;

export function documentUpdates(message: Uint8Array): Uint8Array[] {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type !== SYNC && type !== SYNC_REPLY) return [];
    const syncType = decoding.readVarUint(decoder);
    if (syncType !== SYNC_STEP_2 && syncType !== UPDATE) return [];
    const update = decoding.readVarUint8Array(decoder);
    return update.length > EMPTY_UPDATE_LENGTH ? [update] : [];
  } catch {
    return [];
  }
}
