import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Run, Season } from './queries.ts';

// In a narrow table column a badge keeps its whole label.
const NO_SHRINK = { minWidth: 'max-content' };
const SEASON_COLORS: Record<Season['status'], string> = { draft: 'gray', running: 'blue', published: 'teal' };
const RUN_COLORS: Record<Run['status'], string> = { queued: 'gray', running: 'blue', done: 'teal', failed: 'red', cancelled: 'orange' };

export function SeasonStatusBadge({ status }: { status: Season['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={SEASON_COLORS[status]} variant="light" style={NO_SHRINK}>
      {t(`admissions.seasonStatus.${status}`)}
    </Badge>
  );
}

export function RunStatusBadge({ status }: { status: Run['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={RUN_COLORS[status]} variant="light" style={NO_SHRINK}>
      {t(`admissions.runStatus.${status}`)}
    </Badge>
  );
}

export function RunKindBadge({ kind }: { kind: Run['kind'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={kind === 'final' ? 'indigo' : 'gray'} variant="outline" style={NO_SHRINK}>
      {t(`admissions.runKind.${kind}`)}
    </Badge>
  );
}
