import type { METRICS } from '../../../contracts/agreements.ts';

type Metric = (typeof METRICS)[number];
import type { MetricQuery } from './repository.ts';

// The registry of metric definitions: how each target metric of an agreement (contracts/agreements.ts METRICS) is
// computed from records. A metric is a name and a definition shown to users in both languages (server.json
// `metrics.<metric>` and `metricDefinitions.<metric>`) and one SQL query (repository.ts `metricSql`, chosen by `query`).
// A metric without a source yet (admitted students, until admissions are recorded in hoptac) is shown as not
// measured rather than as zero. Later modules (mobilities, placements, research outputs, admissions) register
// their metrics here with `registerMetric`, which replaces the definition of that metric.

export interface MetricDefinition {
  metric: Metric;
  query: MetricQuery | null;
}

const SEMINARS = ['seminar', 'forum', 'workshop', 'conference'] as const;

const registry = new Map<Metric, MetricDefinition>();

export function registerMetric(definition: MetricDefinition): void {
  registry.set(definition.metric, definition);
}

for (const definition of [
  { metric: 'seminars_held', query: { count: 'activities', kinds: SEMINARS } },
  { metric: 'trainings_held', query: { count: 'activities', kinds: ['training_course'] } },
  { metric: 'staff_trained', query: { count: 'people', kinds: ['training_course'] } },
  { metric: 'lecturer_exchanges', query: { count: 'people', kinds: ['lecturer_exchange'] } },
  { metric: 'student_exchanges', query: { count: 'people', kinds: ['student_exchange'] } },
  { metric: 'students_placed', query: { count: 'people', kinds: ['internship'], role: 'student' } },
  { metric: 'joint_publications', query: { count: 'activities', kinds: ['joint_publication'] } },
  { metric: 'joint_projects', query: { count: 'activities', kinds: ['joint_project'] } },
  { metric: 'delegations', query: { count: 'activities', kinds: ['visit'] } },
  { metric: 'admitted_students', query: null },
] satisfies MetricDefinition[]) {
  registerMetric(definition);
}

export const metricDefinition = (metric: Metric): MetricDefinition => registry.get(metric) ?? { metric, query: null };

/** The queries of every metric that has a source. */
export function metricQueries(): ReadonlyMap<string, MetricQuery> {
  const out = new Map<string, MetricQuery>();
  for (const [metric, d] of registry) if (d.query) out.set(metric, d.query);
  return out;
}
