// The naive baseline the benchmark compares against: the textbook Gale–Shapley rounds written the
// obvious way — objects per candidate, application and program, and every round each program
// sorts its held applicants together with the new proposals and keeps the best `quota`.
// Strict policy only (the benchmark instance is strict). Same ranking as the engine: score, then the
// program's chain (rank lower, c1 higher, lottery lower), then lottery, then candidate index.
import type { TieCriterion } from '../../src/engines/admission/index.ts';
import type { GeneratedInstance } from './generate.ts';

interface Application {
  candidate: number;
  program: number;
  score: number;
  rank: number;
  c1: number;
  lottery: number;
}
interface Candidate {
  index: number;
  applications: Application[];
  next: number;
}
interface Program {
  quota: number;
  floor: number | null;
  chain: TieCriterion[];
  held: Application[];
  incoming: Application[];
}

export interface NaiveResult {
  assignedProgram: Int32Array;
  proposals: number;
  rounds: number;
}

export function naiveMatching(inst: GeneratedInstance): NaiveResult {
  const programs: Program[] = [];
  for (let p = 0; p < inst.programCount; p++) {
    const chain = [...inst.tieBreak[p]];
    if (!chain.includes('lottery')) chain.push('lottery');
    programs.push({
      quota: inst.quota[p],
      floor: inst.floor[p] === -2147483648 ? null : inst.floor[p],
      chain: chain.slice(0, chain.indexOf('lottery') + 1),
      held: [],
      incoming: [],
    });
  }
  const candidates: Candidate[] = [];
  for (let i = 0; i < inst.candidateCount; i++) {
    const applications: Application[] = [];
    for (let a = inst.offsets[i]; a < inst.offsets[i + 1]; a++) {
      const app = {
        candidate: i,
        program: inst.program[a],
        score: inst.score[a],
        rank: inst.rank[a],
        c1: inst.c1[a],
        lottery: inst.lottery[i],
      };
      const floor = programs[app.program].floor;
      if (floor === null || app.score >= floor) applications.push(app);
    }
    candidates.push({ index: i, applications, next: 0 });
  }
  const better =
    (chain: TieCriterion[]) =>
    (x: Application, y: Application): number => {
      if (x.score !== y.score) return y.score - x.score;
      for (const c of chain) {
        if (c === 'rank' && x.rank !== y.rank) return x.rank - y.rank;
        if (c === 'c1' && x.c1 !== y.c1) return y.c1 - x.c1;
        if (c === 'lottery' && x.lottery !== y.lottery) return x.lottery - y.lottery;
      }
      return x.candidate - y.candidate;
    };

  let free = candidates.filter((c) => c.applications.length > 0);
  let proposals = 0;
  let rounds = 0;
  while (free.length > 0) {
    rounds++;
    const touched = new Set<Program>();
    for (const c of free) {
      const app = c.applications[c.next];
      const program = programs[app.program];
      program.incoming.push(app);
      touched.add(program);
      proposals++;
    }
    const nextFree: Candidate[] = [];
    for (const program of touched) {
      const all = program.held.concat(program.incoming);
      all.sort(better(program.chain));
      program.held = all.slice(0, program.quota);
      for (const rejected of all.slice(program.quota)) {
        const c = candidates[rejected.candidate];
        c.next++;
        if (c.next < c.applications.length) nextFree.push(c);
      }
      program.incoming = [];
    }
    free = nextFree;
  }
  const assignedProgram = new Int32Array(inst.candidateCount).fill(-1);
  for (let p = 0; p < programs.length; p++) for (const app of programs[p].held) assignedProgram[app.candidate] = p;
  return { assignedProgram, proposals, rounds };
}
