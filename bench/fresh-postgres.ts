import { createTestDatabase } from '../test/helpers/postgres.ts';

/** Runs `fn` on a new, empty PostgreSQL database (`POSTAGE_TEST_POSTGRES_URL`'s server) and drops it afterwards. */
export async function withFreshPostgres<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const database = await createTestDatabase();
  try {
    return await fn(database.url);
  } finally {
    await database.drop();
  }
}
