import { describe, expect, it } from 'vitest';
import type { Unit } from '../../../contracts/directory.ts';
import { buildUnitTree, unitAndDescendants, unitOptions } from './unit-tree.ts';

const unit = (id: string, parentId: string | null, name: string): Unit => ({
  id,
  institutionId: 'i',
  parentId,
  kind: 'department',
  code: null,
  nameVi: name,
  nameEn: name,
  archived: false,
  peopleCount: 0,
  version: 1,
  permissions: { edit: false },
});

const units = [unit('c', 'a', 'C'), unit('a', null, 'A'), unit('b', 'a', 'B'), unit('d', 'b', 'D'), unit('z', null, 'Z')];

describe('unit tree', () => {
  it('nests units under their parents, sorted', () => {
    const tree = buildUnitTree(units, (x, y) => x.nameVi.localeCompare(y.nameVi));
    expect(tree.map((n) => n.unit.id)).toEqual(['a', 'z']);
    expect(tree[0].children.map((n) => n.unit.id)).toEqual(['b', 'c']);
    expect(tree[0].children[0].children.map((n) => n.unit.id)).toEqual(['d']);
  });
  it('finds a unit and its descendants', () => {
    expect([...unitAndDescendants(units, 'a')].sort()).toEqual(['a', 'b', 'c', 'd']);
  });
  it('lists options in tree order, indented, excluding a subtree', () => {
    expect(unitOptions(units, (u) => u.nameVi, new Set(['b', 'd'])).map((o) => o.label)).toEqual(['A', '— C', 'Z']);
  });
});
