import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layout's rules, read from the import statements of the code itself (tests aside):
// features import each other only downward (no cycle), and `lib/` and `db/` import no feature.

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)].map((m) =>
    path.resolve(path.dirname(file), m[1] as string),
  );
const featureOf = (file: string) => {
  const relative = path.relative(path.join(src, 'features'), file);
  return relative.startsWith('..') ? null : (relative.split(path.sep)[0] ?? null);
};

/** Which features each feature imports. */
function featureGraph() {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(path.join(src, 'features'))) {
    const from = featureOf(file) as string;
    const edges = graph.get(from) ?? new Set<string>();
    for (const target of importsOf(file).map(featureOf)) {
      if (target && target !== from) edges.add(target);
    }
    graph.set(from, edges);
  }
  return graph;
}

/** Every cycle's path (a → b → a), found by depth-first search. */
function cyclesOf(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const cycles: string[] = [];
  const visit = (node: string, trail: string[]) => {
    if (trail.includes(node)) {
      cycles.push([...trail.slice(trail.indexOf(node)), node].join(' → '));
      return;
    }
    for (const next of graph.get(node) ?? []) visit(next, [...trail, node]);
  };
  for (const node of graph.keys()) visit(node, []);
  return cycles;
}

describe('the shape of the code', () => {
  it('features import each other only downward: no cycle', () => {
    expect(cyclesOf(featureGraph())).toEqual([]);
  });

  it('finds a cycle where there is one (the check itself can fail)', () => {
    const graph = new Map([
      ['orgs', new Set(['stats'])],
      ['stats', new Set(['orgs'])],
    ]);
    expect(cyclesOf(graph)).toContain('orgs → stats → orgs');
  });

  it('lib/ and db/ import no feature', () => {
    const offending = ['lib', 'db'].flatMap((dir) =>
      sourceFiles(path.join(src, dir))
        .filter((file) => importsOf(file).some((target) => featureOf(target) !== null))
        .map((file) => path.relative(src, file)),
    );
    expect(offending).toEqual([]);
  });
});
