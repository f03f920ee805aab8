// PetitionStore in SQL, composed of one store per aggregate (sqlPetitions, sqlSignatures, sqlStaffRecords,
// sqlAccountData). Commands run in one transaction of the platform's raw SqlRunner (`db.transaction`), whose first
// statement locks the petition row (SELECT … FOR UPDATE): every change to a petition — signatures, withdrawals,
// paper batches, transitions — is serialised and its counters stay exact without COUNT(*). Raw transactions rather
// than Prisma's interactive ones: measured 5–7 times cheaper per statement, which is the signing throughput (see
// the README). Work on one petition is committed in groups (groupCommit.ts). Reads for loaders are one statement
// per batch.
import type { Database, SqlRunner } from "../../../platform/db/database.ts";
import { appendEntry, ledgerSql, readHead } from "../../../platform/ledger/index.ts";
import { recordEvents } from "../../../platform/outbox.ts";
import type { PetitionStore, PetitionTx } from "../ports/petitionStore.ts";
import { groupCommit } from "./groupCommit.ts";
import { accountDataStore } from "./sqlAccountData.ts";
import { petitionReads, petitionRecordTx } from "./sqlPetitions.ts";
import { signatureReads, signatureTx } from "./sqlSignatures.ts";
import { staffRecordReads, staffRecordTx } from "./sqlStaffRecords.ts";

export const SCHEMA = "petitions";

function petitionTx(sql: SqlRunner): PetitionTx {
  const ledger = ledgerSql(sql);
  return {
    ...petitionRecordTx(sql),
    ...signatureTx(sql),
    ...staffRecordTx(sql),
    appendLedger: (logId, entry, recordedAt) => appendEntry(ledger, SCHEMA, logId, entry, recordedAt),
    ledgerHead: (logId) => readHead(ledger, SCHEMA, logId),
    async recordEvents(events) {
      if (events.length > 0) await recordEvents(ledger, SCHEMA, events);
    },
  };
}

export function sqlPetitionStore(db: Database): PetitionStore {
  // Work on one petition is queued in this process and committed in groups (groupCommit.ts).
  const grouped = groupCommit((fn) => db.transaction(fn));
  return {
    transaction: (fn, options) =>
      options?.petitionId
        ? grouped.run(options.petitionId, (sql) => fn(petitionTx(sql)))
        : db.transaction((sql) => fn(petitionTx(sql))),
    ...petitionReads(db),
    ...signatureReads(db),
    ...staffRecordReads(db),
    ...accountDataStore(db),
  };
}
