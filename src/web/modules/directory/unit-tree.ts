import type { Unit } from '../../../contracts/directory.ts';

// The API lists an institution's units flat; the tree is built here from parentId.
export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

export function buildUnitTree(units: Unit[], compare: (a: Unit, b: Unit) => number): UnitNode[] {
  const nodes = new Map(units.map((unit) => [unit.id, { unit, children: [] as UnitNode[] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: UnitNode[]) => {
    list.sort((a, b) => compare(a.unit, b.unit));
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

/** The ids of a unit and everything below it: none of them may become its parent. */
export function unitAndDescendants(units: Unit[], id: string): Set<string> {
  const result = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const unit of units) {
      if (unit.parentId && result.has(unit.parentId) && !result.has(unit.id)) {
        result.add(unit.id);
        grew = true;
      }
    }
  }
  return result;
}

/** Units as select options, indented by depth, in tree order. */
export function unitOptions(units: Unit[], label: (unit: Unit) => string, exclude: Set<string> = new Set()) {
  const options: { value: string; label: string }[] = [];
  const walk = (nodes: UnitNode[], depth: number) => {
    for (const node of nodes) {
      if (exclude.has(node.unit.id)) continue;
      options.push({ value: node.unit.id, label: `${'— '.repeat(depth)}${label(node.unit)}` });
      walk(node.children, depth + 1);
    }
  };
  walk(
    buildUnitTree(units, (a, b) => label(a).localeCompare(label(b))),
    0,
  );
  return options;
}
