// A process that claims request ids in a SQLite journal all at once (group commit), prints the ids it won
// as one JSON line, then dies with SIGKILL: nothing may depend on a clean exit. Used by
// test/store/sql-durability.test.ts.
import { silentLogger } from '../../../src/lib/logger.ts';
import { openSqlDatabase } from '../../../src/store/sql/database.ts';
import { createSqlPurchaseStore } from '../../../src/store/sql/purchases.ts';
import { createSqlRunner } from '../../../src/store/sql/run.ts';
import { purchase } from './fixtures.ts';

const path = process.env['CLAIM_DB'] ?? '';
const ids = (process.env['CLAIM_IDS'] ?? '').split(',');
const database = await openSqlDatabase({ kind: 'sqlite', path }, { poolSize: 1, logger: silentLogger });
const journal = createSqlPurchaseStore(createSqlRunner(database), () => new Date());
const results = await Promise.all(ids.map((requestId) => journal.begin(purchase({ requestId }))));
const won = ids.filter((_, i) => results[i]?.claimed);
process.stdout.write(`${JSON.stringify({ won })}\n`, () => process.kill(process.pid, 'SIGKILL'));
