import type { ConstraintFields } from '../../platform/errors.ts';

// The constraints of activities and the field each protects (platform/errors.ts).
export const CONSTRAINTS: ConstraintFields = {
  activities_agreement_fk: 'agreementId',
  activities_kind_check: 'kind',
  activities_status_check: 'status',
  activities_title_vi_check: 'titleVi',
  activities_title_en_check: 'titleEn',
  activities_dates_check: 'endDate',
  activities_created_by_fk: 'createdBy',
  activities_pkey: 'id',
  activity_organisers_activity_fk: 'id',
  activity_organisers_institution_fk: 'organiserIds',
  activity_organisers_pkey: 'organiserIds',
  activity_participants_activity_fk: 'id',
  activity_participants_role_check: 'participants',
  activity_participants_pkey: 'participants',
  activity_participants_person_fk: 'participants',
  activity_counts_activity_fk: 'id',
  activity_counts_institution_fk: 'counts',
  activity_counts_role_check: 'counts',
  activity_counts_count_check: 'counts',
  activity_counts_pkey: 'counts',
  institutions_dormant_after_months_check: 'dormantAfterMonths',
};
