import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The dependency directions of docs/style.md §2.2, checked on the real import graph (Biome checks package
// names per folder; this also catches relative paths however they are spelled).
const SRC = resolve(import.meta.dirname, '../src');

/** Folders each layer must never import (relative imports resolved to their top-level folder). */
const FORBIDDEN: Record<string, readonly string[]> = {
  lib: [
    'machine',
    'endicia',
    'store',
    'bot',
    'actors',
    'alerts',
    'metrics',
    'compose.ts',
    'config.ts',
    'main.ts',
  ],
  machine: ['endicia', 'store', 'bot', 'actors', 'alerts', 'metrics', 'compose.ts', 'config.ts', 'main.ts'],
  endicia: ['machine', 'store', 'bot', 'actors', 'alerts', 'metrics', 'compose.ts', 'config.ts', 'main.ts'],
  store: ['machine', 'endicia', 'bot', 'actors', 'alerts', 'metrics', 'compose.ts', 'config.ts', 'main.ts'],
  'never-lock': ['machine', 'bot', 'actors', 'alerts', 'metrics', 'compose.ts', 'config.ts', 'main.ts'],
  actors: ['bot', 'alerts', 'metrics', 'compose.ts', 'main.ts'],
  alerts: ['bot', 'actors', 'metrics', 'compose.ts', 'main.ts'],
  bot: ['endicia', 'compose.ts', 'main.ts'],
  // Metrics observe the other layers through hooks the composition root wires; they drive nothing.
  metrics: ['machine', 'bot', 'actors', 'compose.ts', 'config.ts', 'main.ts'],
};

/** Packages each layer must never import. */
const FORBIDDEN_PACKAGES: Record<string, RegExp> = {
  lib: /^(@slack\/|got$|keyv$|@keyv\/|xstate$|fast-xml-parser$|zod$|prom-client$)/,
  machine: /^(@slack\/|got$|keyv$|@keyv\/|fast-xml-parser$|node:|prom-client$)/,
  endicia: /^(@slack\/|keyv$|@keyv\/|xstate$|prom-client$)/,
  store: /^(@slack\/|got$|xstate$|fast-xml-parser$|prom-client$)/,
  alerts: /^(@slack\/|keyv$|@keyv\/|got$|fast-xml-parser$|prom-client$)/,
  'never-lock': /^(@slack\/|keyv$|@keyv\/|got$|fast-xml-parser$|xstate$|prom-client$)/,
  bot: /^(got$|keyv$|@keyv\/|fast-xml-parser$|prom-client$)/,
  metrics: /^(got$|keyv$|@keyv\/|xstate$|fast-xml-parser$)/,
};

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => join(e.parentPath, e.name));
}

function importsOf(code: string): string[] {
  const specifiers: string[] = [];
  for (const match of code.matchAll(
    /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm,
  )) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (specifier) specifiers.push(specifier);
  }
  return specifiers;
}

describe('architecture', async () => {
  const files = await sourceFiles(SRC);
  const graph = await Promise.all(
    files.map(async (file) => {
      const code = await readFile(file, 'utf8');
      return { file, code, imports: importsOf(code) };
    }),
  );
  const layerOf = (file: string) => relative(SRC, file).split('/')[0] ?? '';

  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(graph.some((g) => g.imports.length > 0)).toBe(true);
  });

  it('keeps every layer out of the folders it must not know', () => {
    const violations: string[] = [];
    for (const { file, imports } of graph) {
      const layer = layerOf(file);
      for (const specifier of imports) {
        if (specifier.startsWith('.')) {
          const target = layerOf(resolve(dirname(file), specifier));
          if (target !== layer && FORBIDDEN[layer]?.includes(target)) {
            violations.push(`${relative(SRC, file)} → ${specifier}`);
          }
        } else if (FORBIDDEN_PACKAGES[layer]?.test(specifier)) {
          violations.push(`${relative(SRC, file)} → ${specifier}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('crosses into another folder only through its index.ts', () => {
    const deep: string[] = [];
    for (const { file, imports } of graph) {
      const layer = layerOf(file);
      // The composition root and the entry point wire parts together; they may reach any public module.
      if (layer === 'compose.ts' || layer === 'main.ts') continue;
      for (const specifier of imports.filter((s) => s.startsWith('.'))) {
        const target = resolve(dirname(file), specifier);
        const targetLayer = layerOf(target);
        if (targetLayer === layer || targetLayer === 'lib' || targetLayer.endsWith('.ts')) continue;
        if (!target.endsWith('/index.ts')) deep.push(`${relative(SRC, file)} → ${specifier}`);
      }
    }
    expect(deep).toEqual([]);
  });

  it('reads process.env only in the entry points (config.ts gets it injected)', () => {
    const readers = graph
      .filter(({ code }) => /^(?!\s*(\/\/|\*)).*process\.env/m.test(code))
      .map(({ file }) => relative(SRC, file));
    expect(readers.sort()).toEqual(['endicia/simulator/main.ts', 'main.ts'].sort());
  });
});
