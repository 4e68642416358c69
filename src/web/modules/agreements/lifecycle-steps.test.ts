import { describe, expect, it } from 'vitest';
import { lifecycleSteps } from './lifecycle-steps.ts';

const states = (steps: ReturnType<typeof lifecycleSteps>) => steps.map((s) => `${s.key}:${s.state}`);
const status = (s: string) => ({ action: 'status', detail: { status: s } });
const approve = { action: 'approve', detail: { versionNo: 1 } };

describe('lifecycle steps', () => {
  it('has no expiring step for an open-ended agreement', () => {
    expect(states(lifecycleSteps('active', null, [status('negotiation'), approve, status('active')]))).toEqual([
      'draft:done',
      'negotiation:done',
      'awaiting_approval:done',
      'active:current',
      'end:upcoming',
    ]);
    expect(lifecycleSteps('active', '2030-01-01', []).map((s) => s.key)).toContain('expiring');
  });

  it('does not show a step the agreement went past as done', () => {
    // Drafted, approved by the parties straight away (no negotiation), in force.
    expect(states(lifecycleSteps('active', '2030-10-01', [approve, approve, status('active')]))).toEqual([
      'draft:done',
      'negotiation:skipped',
      'awaiting_approval:done',
      'active:current',
      'expiring:upcoming',
      'end:upcoming',
    ]);
    // Terminated while active: it never was expiring; the end is reached.
    expect(states(lifecycleSteps('terminated', '2030-10-01', [status('negotiation'), approve, status('active'), status('terminated')]))).toEqual([
      'draft:done',
      'negotiation:done',
      'awaiting_approval:done',
      'active:done',
      'expiring:skipped',
      'end:done',
    ]);
  });

  it('counts the steps before the current one as done while the timeline is not known', () => {
    expect(states(lifecycleSteps('awaiting_approval', null))).toEqual(['draft:done', 'negotiation:done', 'awaiting_approval:current', 'active:upcoming', 'end:upcoming']);
  });
});
