import { describe, expect, it } from 'vitest';
import { bearerMatches } from '../../src/metrics/index.ts';

describe('bearerMatches', () => {
  it('accepts exactly `Bearer <token>`', () => {
    expect(bearerMatches('Bearer s3cret-token', 's3cret-token')).toBe(true);
    expect(bearerMatches(undefined, 's3cret-token')).toBe(false);
    expect(bearerMatches('', 's3cret-token')).toBe(false);
    expect(bearerMatches('Bearer ', 's3cret-token')).toBe(false);
    expect(bearerMatches('Bearer s3cret-toke', 's3cret-token')).toBe(false);
    expect(bearerMatches('Bearer s3cret-tokenX', 's3cret-token')).toBe(false);
    expect(bearerMatches('bearer s3cret-token', 's3cret-token')).toBe(false);
    expect(bearerMatches('Basic s3cret-token', 's3cret-token')).toBe(false);
  });
});
