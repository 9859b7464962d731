import { dirname, isAbsolute, resolve } from 'node:path';
import { StoreError } from './errors.ts';

/** Where a store lives, parsed from `POSTAGE_STORE_URL`. */
export type StoreLocation =
  | {
      kind: 'sqlite';
      /** Absolute file path, or `':memory:'`. */
      path: string;
      /**
       * The data directory (the file's parent), where a generated encryption key is kept. For
       * `:memory:` it is the default `data` directory but nothing is ever written there.
       */
      dataDir: string;
    }
  | { kind: 'memory'; dataDir: string | null }
  | {
      kind: 'postgres';
      /** The URL as given (it may hold a password: never log or echo it). */
      url: string;
      dataDir: null;
    };

const SQLITE = 'sqlite://';
const POSTGRES = /^postgres(ql)?:\/\//i;
const PLANNED = /^(redis|rediss|mysql|mongodb):\/\//i;

/**
 * Parses `sqlite://relative/file.sqlite`, `sqlite:///absolute/file.sqlite`, `sqlite://:memory:`,
 * `memory://`, or `postgres://user:pass@host:port/db` (also `postgresql://`). Relative paths resolve
 * against `cwd`.
 *
 * @throws StoreError `STORE_BAD_URL` naming the variable, never echoing the URL (network URLs
 *   carry passwords).
 */
export function parseStoreUrl(url: string, cwd: string = process.cwd()): StoreLocation {
  const text = url.trim();
  if (text === 'memory://' || text === 'memory:') return { kind: 'memory', dataDir: null };
  if (POSTGRES.test(text)) return { kind: 'postgres', url: checkedPostgresUrl(text), dataDir: null };
  if (PLANNED.test(text)) {
    throw new StoreError(
      'STORE_BAD_URL',
      'POSTAGE_STORE_URL: only sqlite://, postgres:// and memory:// stores exist',
    );
  }
  if (!text.startsWith(SQLITE)) {
    throw new StoreError('STORE_BAD_URL', 'POSTAGE_STORE_URL must look like sqlite://data/postage.sqlite');
  }
  const path = text.slice(SQLITE.length);
  if (path === ':memory:') return { kind: 'sqlite', path, dataDir: resolve(cwd, 'data') };
  // A query or fragment would silently become part of the file name.
  if (path === '' || /[?#\0]/.test(path) || path.endsWith('/')) {
    throw new StoreError(
      'STORE_BAD_URL',
      'POSTAGE_STORE_URL must name a SQLite file, e.g. sqlite://data/postage.sqlite',
    );
  }
  const absolute = isAbsolute(path) ? path : resolve(cwd, path);
  return { kind: 'sqlite', path: absolute, dataDir: dirname(absolute) };
}

/** A PostgreSQL URL that names a host and a database; the error never echoes it (it holds a password). */
function checkedPostgresUrl(text: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    // reported below
  }
  const database = url?.pathname.replace(/^\//, '') ?? '';
  if (url === undefined || url.hostname === '' || database === '' || database.includes('/')) {
    throw new StoreError(
      'STORE_BAD_URL',
      'POSTAGE_STORE_URL must look like postgres://user:password@host:5432/database',
    );
  }
  return text;
}
