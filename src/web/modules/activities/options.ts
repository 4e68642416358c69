import type { TFunction } from 'i18next';
import { ACTIVITY_KINDS, ActivityStatus, ParticipantRole, type TargetStatus } from '../../../contracts/activities.ts';
import { currentLanguage } from '../../lib/i18n.ts';

// Choices and colours of the activity and progress screens, labelled in the UI language (web.json activities.*).

export const ACTIVITY_STATUSES = ActivityStatus.options;
export const PARTICIPANT_ROLES = ParticipantRole.options;
export const RECURRENCE_EVERY = ['week', 'month', 'semester'] as const;

/** Planned in blue, done in green, cancelled in grey. */
export const ACTIVITY_STATUS_COLORS: Record<(typeof ACTIVITY_STATUSES)[number], string> = {
  planned: 'blue',
  done: 'teal',
  cancelled: 'gray',
};

/** How a target stands, from grey (nothing yet) through green (on track, achieved) to red (at risk, missed). */
export const TARGET_STATUS_COLORS: Record<TargetStatus, string> = {
  not_started: 'gray',
  on_track: 'teal',
  behind: 'yellow',
  at_risk: 'orange',
  achieved: 'green',
  missed: 'red',
};

export const activityKindOptions = (t: TFunction) => ACTIVITY_KINDS.map((value) => ({ value, label: t(`activities.kinds.${value}`) }));
export const activityStatusOptions = (t: TFunction) => ACTIVITY_STATUSES.map((value) => ({ value, label: t(`activities.statuses.${value}`) }));
export const participantRoleOptions = (t: TFunction) => PARTICIPANT_ROLES.map((value) => ({ value, label: t(`activities.roles.${value}`) }));
export const recurrenceOptions = (t: TFunction) => RECURRENCE_EVERY.map((value) => ({ value, label: t(`activities.recurrence.${value}`) }));

/** An activity's title in the UI language. */
export function activityTitle(activity: { titleVi: string; titleEn: string }): string {
  return currentLanguage() === 'vi' ? activity.titleVi : activity.titleEn;
}

/** A share 0…1 (or more) as a whole percentage for a progress bar, capped at 100. */
export const percent = (share: number) => Math.max(0, Math.min(100, Math.round(share * 100)));
