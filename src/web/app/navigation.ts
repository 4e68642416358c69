import {
  IconBuilding,
  IconCalendar,
  IconChartBar,
  IconFileCertificate,
  IconHistory,
  IconHome,
  IconKey,
  IconMail,
  IconUser,
  IconUserPlus,
  IconUserShield,
  IconUsers,
  IconPlaneDeparture,
  IconSchool,
  IconListCheck,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { Me } from '../../contracts/accounts.ts';

// What the navigation offers, by section; a section shows only the entries the user may use (me.permissions).
export interface NavEntry {
  to: string;
  label: string;
  icon: ComponentType<{ size?: number }>;
}

export interface NavSection {
  label: string;
  entries: NavEntry[];
}

export function navigationFor(me: Me): NavSection[] {
  const sections: NavSection[] = [
    {
      label: 'nav.cooperation',
      entries: [
        { to: '/', label: 'nav.home', icon: IconHome },
        { to: '/agreements', label: 'nav.agreements', icon: IconFileCertificate },
        // Every role reads the delegations of its institution's agreements it reads whole (delegations/policy.ts).
        { to: '/delegations', label: 'nav.delegations', icon: IconPlaneDeparture },
        // Every role reads agreements, and so its own institution's dashboard (activities/policy.ts mayReadDashboard).
        { to: `/institutions/${me.institution.id}/dashboard`, label: 'nav.dashboard', icon: IconChartBar },
        // Every signed-in user has a calendar (each module lists only what the user reads; calendar/registry.ts).
        { to: '/calendar', label: 'nav.calendar', icon: IconCalendar },
        // Exam organisers (their institution's exams) and admissions officers (results shared with them): exams/policy.ts.
        ...(me.permissions.readExams ? [{ to: '/exams', label: 'nav.exams', icon: IconSchool }] : []),
        // Admissions officers and admins run their institution's admissions: admissions/policy.ts.
        ...(me.permissions.runAdmissions ? [{ to: '/admissions', label: 'nav.admissions', icon: IconListCheck }] : []),
      ],
    },
    {
      label: 'nav.directory',
      entries: [
        { to: '/institutions', label: 'nav.institutions', icon: IconBuilding },
        { to: '/people', label: 'nav.people', icon: IconUsers },
      ],
    },
    { label: 'nav.me', entries: [{ to: '/me', label: 'nav.myProfile', icon: IconUser }] },
  ];
  const { manageAccounts, readAudit, readOutbox } = me.permissions;
  const admin: NavEntry[] = [
    ...(manageAccounts
      ? [
          { to: '/admin/users', label: 'nav.users', icon: IconUserShield },
          { to: '/admin/invitations', label: 'nav.invitations', icon: IconUserPlus },
          { to: '/admin/api-tokens', label: 'nav.apiTokens', icon: IconKey },
        ]
      : []),
    ...(readAudit ? [{ to: '/admin/audit', label: 'nav.audit', icon: IconHistory }] : []),
    ...(readOutbox ? [{ to: '/admin/outbox', label: 'nav.outbox', icon: IconMail }] : []),
  ];
  if (admin.length > 0) sections.push({ label: 'nav.admin', entries: admin });
  return sections;
}
