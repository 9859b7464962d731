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
  // The bot speaks to the actors through the contracts it is handed (machine, store, never-lock); only
  // compose.ts knows which actor implements them.
  bot: ['endicia', 'actors', 'compose.ts', 'main.ts'],
  // Metrics observe the other layers through hooks the composition root wires; they drive nothing.
  metrics: ['machine', 'bot', 'actors', 'compose.ts', 'config.ts', 'main.ts'],
};

/** Packages each layer must never import. */
const FORBIDDEN_PACKAGES: Record<string, RegExp> = {
  lib: /^(@slack\/|got$|keyv$|@keyv\/|xstate$|fast-xml-parser$|zod$|prom-client$|kysely$|pg$|better-sqlite3$)/,
  machine: /^(@slack\/|got$|keyv$|@keyv\/|fast-xml-parser$|node:|prom-client$|kysely$|pg$|better-sqlite3$)/,
  endicia: /^(@slack\/|keyv$|@keyv\/|xstate$|prom-client$|kysely$|pg$|better-sqlite3$)/,
  store: /^(@slack\/|got$|xstate$|fast-xml-parser$|prom-client$)/,
  alerts: /^(@slack\/|keyv$|@keyv\/|got$|fast-xml-parser$|prom-client$|kysely$|pg$|better-sqlite3$)/,
  'never-lock':
    /^(@slack\/|keyv$|@keyv\/|got$|fast-xml-parser$|xstate$|prom-client$|kysely$|pg$|better-sqlite3$)/,
  bot: /^(got$|keyv$|@keyv\/|fast-xml-parser$|prom-client$|kysely$|pg$|better-sqlite3$)/,
  metrics: /^(got$|keyv$|@keyv\/|xstate$|fast-xml-parser$|kysely$|pg$|better-sqlite3$)/,
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

/** Every strongly connected group of more than one file (Tarjan), each listed from its first file. */
function cyclesOf(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of edges.get(file) ?? []) {
      if (!edges.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1) cycles.push(group.sort());
  };
  for (const file of edges.keys()) if (!index.has(file)) visit(file);
  return cycles;
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

  it('has no import cycle, not even a type-only one', () => {
    // A cycle hides which module owns a type; even when erased at run time it makes the files one unit.
    const edges = new Map(
      graph.map(({ file, imports }) => [
        file,
        imports.filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s)),
      ]),
    );
    expect(cyclesOf(edges).map((cycle) => cycle.map((f) => relative(SRC, f)).join(' → '))).toEqual([]);
  });

  it('reads process.env only in the entry points (config.ts gets it injected)', () => {
    const readers = graph
      .filter(({ code }) => /^(?!\s*(\/\/|\*)).*process\.env/m.test(code))
      .map(({ file }) => relative(SRC, file));
    expect(readers.sort()).toEqual(['endicia/simulator/main.ts', 'main.ts'].sort());
  });
});
