import { describe, expect, it } from 'vitest';
import { parseStoreUrl } from '../../src/store/index.ts';

describe('parseStoreUrl', () => {
  it('resolves the default relative SQLite URL against the working directory', () => {
    expect(parseStoreUrl('sqlite://data/postage.sqlite', '/srv/app')).toEqual({
      kind: 'sqlite',
      path: '/srv/app/data/postage.sqlite',
      dataDir: '/srv/app/data',
    });
  });

  it('keeps absolute paths', () => {
    expect(parseStoreUrl('sqlite:///var/lib/postage/p.sqlite', '/srv/app')).toEqual({
      kind: 'sqlite',
      path: '/var/lib/postage/p.sqlite',
      dataDir: '/var/lib/postage',
    });
  });

  it('knows in-memory stores', () => {
    expect(parseStoreUrl('sqlite://:memory:', '/srv/app')).toMatchObject({
      kind: 'sqlite',
      path: ':memory:',
    });
    expect(parseStoreUrl('memory://')).toEqual({ kind: 'memory', dataDir: null });
  });

  it('accepts postgres:// and postgresql:// as given (the password stays in the URL, for the driver only)', () => {
    for (const url of [
      'postgres://app:hunter2@db:5432/postage',
      'postgresql://app@db/postage?sslmode=require',
    ]) {
      expect(parseStoreUrl(url)).toEqual({ kind: 'postgres', url, dataDir: null });
    }
  });

  it.each([
    '',
    'data/postage.sqlite',
    'sqlite://',
    'sqlite://data/',
    'sqlite://data/p.sqlite?mode=ro',
    'file:///tmp/p.sqlite',
    'redis://user:hunter2@cache:6379',
    'postgres://app:hunter2@db',
    'postgresql://app:hunter2@/postage',
    'postgres://app:hunter2@db:notaport/postage',
  ])('refuses %j without echoing it', (url) => {
    let error: unknown;
    try {
      parseStoreUrl(url, '/srv/app');
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({
      code: 'STORE_BAD_URL',
      message: expect.stringContaining('POSTAGE_STORE_URL'),
    });
    expect(String(error)).not.toContain('hunter2');
  });
});
