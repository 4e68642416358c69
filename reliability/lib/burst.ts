import { performance } from 'node:perf_hooks';
import { call, type Outcome, type Session } from './api.ts';

// A burst of concurrent writes through the API, as users make them: agreements drafted, approved (the version
// just drafted, by its content hash), comments (which notify the other party, by e-mail too) and activities
// recorded. Every answer is kept; every acknowledged write (2xx with its id) goes into the ledger, which the
// checks hold against the database after each fault.

export interface Targets {
  /** The officer's institution (HUST) and the other party of the agreements drafted. */
  home: string;
  partner: string;
  /** A demo agreement of both, out of draft, that comments and activities are recorded under. */
  agreement: { id: string; areaKey: string; date: string };
}

export type WriteKind = 'create' | 'approve' | 'comment' | 'activity';
export const WRITE_KINDS: WriteKind[] = ['create', 'approve', 'comment', 'activity'];

/** What the API acknowledged, over the whole run. */
export interface Ledger {
  /** Agreements drafted: id → content hash of version 1. */
  created: Map<string, string>;
  /** Approvals: agreement id → the hash approved. */
  approved: Map<string, string>;
  /** Comments: comment id → the agreement it is on. */
  comments: Map<string, string>;
  activities: Set<string>;
  /** Drafted and not yet approved (an approval takes one of these). */
  toApprove: { id: string; hash: string }[];
  /**
   * Drafted and not yet commented on: each comment goes to another agreement, so that every mail it causes ("… commented
   * on “<title>”") differs from every other one and a duplicate delivery can be told from two mails.
   */
  toComment: string[];
}

export const newLedger = (): Ledger => ({ created: new Map(), approved: new Map(), comments: new Map(), activities: new Set(), toApprove: [], toComment: [] });
export const ledgerSize = (l: Ledger) => l.created.size + l.approved.size + l.comments.size + l.activities.size;

/** Marks every record the harness writes, so the checks find them (and only them) in the database. */
export const MARKER = `RLB-${process.pid}`;

export interface Burst {
  outcomes: Outcome[];
  /** Acknowledged writes of this burst, by kind. */
  acked: Record<WriteKind, number>;
  ackedTotal(): number;
  /** Acknowledged writes whose answer came after `t` (performance.now()). */
  ackedAfter(t: number): number;
  stop(): Promise<void>;
}

let seq = 0;

export function startBurst(s: Session, t: Targets, ledger: Ledger, options: { concurrency: number; maxMs: number; pauseOnFailureMs?: number }): Burst {
  const outcomes: Outcome[] = [];
  const acked: Record<WriteKind, number> = { create: 0, approve: 0, comment: 0, activity: 0 };
  let stopped = false;
  const deadline = performance.now() + options.maxMs;

  const one = async (): Promise<Outcome> => {
    const n = ++seq;
    let kind = WRITE_KINDS[n % WRITE_KINDS.length];
    const pending = kind === 'approve' ? ledger.toApprove.shift() : undefined;
    const commentOn = kind === 'comment' ? ledger.toComment.shift() : undefined;
    if ((kind === 'approve' && !pending) || (kind === 'comment' && !commentOn)) kind = 'create';
    switch (kind) {
      case 'create':
        return draft(s, t, ledger, n);
      case 'approve': {
        const { id, hash } = pending!;
        const o = await call(s, kind, 'POST', `/api/v1/agreements/${id}/approvals`, { contentHash: hash });
        if (o.status === 200) ledger.approved.set(id, hash);
        // Not acknowledged: it may or may not have been committed; not tried again (a second try could be a 409).
        return o;
      }
      case 'comment':
        return comment(s, ledger, commentOn!, `${MARKER} comment no. ${n}`);
      case 'activity': {
        const o = await call(s, kind, 'POST', `/api/v1/agreements/${t.agreement.id}/activities`, {
          areaKey: t.agreement.areaKey,
          kind: 'seminar',
          titleVi: `${MARKER} Hội thảo số ${n}`,
          titleEn: `${MARKER} Seminar no. ${n}`,
          startDate: t.agreement.date,
          endDate: t.agreement.date,
          organiserIds: [t.home],
          counts: [{ institutionId: t.home, role: 'student', count: 5 }],
        });
        const id = (o.body as { items?: { id: string }[] } | undefined)?.items?.[0]?.id;
        if (o.status === 201 && id) ledger.activities.add(id);
        return o;
      }
    }
  };

  const worker = async () => {
    while (!stopped && performance.now() < deadline) {
      const o = await one();
      outcomes.push(o);
      if (o.status >= 200 && o.status < 300) acked[o.op as WriteKind]++;
      // While the app or the database is away, do not spin: one attempt per connection every so often.
      else if (o.status === 0 || o.status >= 500) await new Promise((r) => setTimeout(r, options.pauseOnFailureMs ?? 100));
    }
  };
  const done = Promise.all(Array.from({ length: options.concurrency }, worker));
  const ok = (o: Outcome) => o.status >= 200 && o.status < 300;
  return {
    outcomes,
    acked,
    ackedTotal: () => outcomes.filter(ok).length,
    ackedAfter: (t0) => outcomes.filter((o) => ok(o) && o.at > t0).length,
    async stop() {
      stopped = true;
      await done;
    },
  };
}

/** A comment on an agreement, into the ledger when acknowledged. */
export async function comment(s: Session, ledger: Ledger, agreementId: string, body: string): Promise<Outcome> {
  const o = await call(s, 'comment', 'POST', `/api/v1/agreements/${agreementId}/comments`, { body });
  const id = (o.body as { id?: string } | undefined)?.id;
  if (o.status === 201 && id) ledger.comments.set(id, agreementId);
  return o;
}

/** Drafts an agreement of the officer's institution and the partner, into the ledger when acknowledged. */
export async function draft(s: Session, t: Targets, ledger: Ledger, n: number | string): Promise<Outcome> {
  const o = await call(s, 'create', 'POST', '/api/v1/agreements', {
    content: {
      kind: 'mou',
      titleVi: `${MARKER} Thỏa thuận hợp tác số ${n}`,
      titleEn: `${MARKER} Cooperation agreement no. ${n}`,
      startDate: '2026-01-01',
      endDate: '2030-12-31',
      parties: [{ institutionId: t.home }, { institutionId: t.partner }],
      areas: [{ key: 'research', kind: 'research', titleVi: 'Nghiên cứu chung', titleEn: 'Joint research' }],
    },
    visibility: 'parties',
  });
  const b = o.body as { id?: string; contentHash?: string } | undefined;
  if (o.status === 201 && b?.id && b.contentHash) {
    ledger.created.set(b.id, b.contentHash);
    ledger.toApprove.push({ id: b.id, hash: b.contentHash });
    ledger.toComment.push(b.id);
  }
  return o;
}

/** Counts of a burst's answers, for the report. */
export function tally(outcomes: Outcome[]) {
  const c = { sent: outcomes.length, acked: 0, s503: 0, s500: 0, other5xx: 0, refused4xx: 0, network: 0, badShape: 0, codes: new Map<string, number>() };
  for (const o of outcomes) {
    if (o.status >= 200 && o.status < 300) c.acked++;
    else if (o.status === 0) c.network++;
    else if (o.status === 503) c.s503++;
    else if (o.status === 500) c.s500++;
    else if (o.status >= 500) c.other5xx++;
    else c.refused4xx++;
    if (o.badShape) c.badShape++;
    if (o.status >= 400) {
      const key = `${o.status} ${o.code ?? '?'}`;
      c.codes.set(key, (c.codes.get(key) ?? 0) + 1);
    }
    if (o.status === 0) {
      const key = `no answer: ${o.error}`;
      c.codes.set(key, (c.codes.get(key) ?? 0) + 1);
    }
  }
  return c;
}
