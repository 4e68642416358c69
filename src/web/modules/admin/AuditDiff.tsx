import { Anchor, List, Table, Text, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { changedKeys } from '../../lib/diff.ts';
import { formatDateTime, formatNumber, localName, localText } from '../../lib/format.ts';
import type { AuditRow } from './queries.ts';
import { scopeLabelKey } from './scopes.ts';

// An audit entry's before/after as people read it: the fields that changed under their labels in the reader's
// language, codes as their names (statuses, kinds, roles, scopes), records named by id as their titles linked
// to their pages (the server resolves them, for what the reader may see), nested changes as labelled lines.

/** Bookkeeping and ids with no page of their own: not shown. */
const HIDDEN = new Set(['updatedAt', 'updated_at', 'version', 'id', 'commentId', 'documentId', 'permissions']);
/** Fields whose value is an id (or an area's key) the server names in `refs`. */
const REFERENCES = new Set([
  'institutionId',
  'fromInstitutionId',
  'toInstitutionId',
  'unitId',
  'parentId',
  'personId',
  'successorId',
  'successorDraftId',
  'automaticRenewalOf',
  'areaKey',
]);
const TIMES = new Set(['createdAt', 'expiresAt', 'lastUsedAt', 'lastLoginAt', 'sentAt']);

type Translate = ReturnType<typeof useTranslation>['t'];
type Exists = (key: string) => boolean;

/** The label of a field: the shared field names, then the audit log's own, then a generic one. */
export function fieldLabel(t: Translate, exists: Exists, entity: string, key: string): string {
  if (entity === 'agreement' && key === 'title') return t('fields.documentTitle');
  if (entity === 'agreement' && key === 'kind') return t('admin.audit.fields.documentKind');
  if (key === 'before' || key === 'after') return t(`admin.audit.${key}`);
  if (exists(`fields.${key}`)) return t(`fields.${key}`);
  if (exists(`admin.audit.fields.${key}`)) return t(`admin.audit.fields.${key}`);
  return t('admin.audit.otherField');
}

/** The locale key of a stored code's name, by the field and the kind of record. */
function codeKey(entity: string, key: string, code: string): string | null {
  switch (key) {
    case 'status':
      if (entity === 'user') return `admin.users.status.${code}`;
      if (entity === 'invitation') return `admin.invitations.status.${code}`;
      return `statuses.${code}`;
    case 'kind':
      if (entity === 'institution') return `institutionKinds.${code}`;
      if (entity === 'unit') return `unitKinds.${code}`;
      if (entity === 'agreement') return `agreements.documents.kinds.${code}`;
      return null;
    case 'roles':
      return `roles.${code}`;
    case 'scopes':
      return scopeLabelKey(code);
    case 'language':
      return `language.name.${code}`;
    case 'visibility':
    case 'before':
    case 'after':
      return entity === 'agreement' ? `agreements.visibility.${code}` : `visibility.${code}`;
    default:
      return null;
  }
}

function Dash() {
  return (
    <Text span c="dimmed" fz="inherit">
      —
    </Text>
  );
}

/** One value of an audit entry, in words. */
function AuditValue({ entry, field, value }: { entry: AuditRow; field: string; value: unknown }): ReactNode {
  const { t, i18n } = useTranslation();
  const exists: Exists = (key) => i18n.exists(key);
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return <Dash />;
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (REFERENCES.has(field) && typeof value === 'string') {
    const ref = entry.refs[value];
    if (!ref) {
      return (
        <Tooltip label={t('admin.audit.unavailableHint')}>
          <Text span c="dimmed" fz="inherit">
            {t('admin.audit.unavailable')}
          </Text>
        </Tooltip>
      );
    }
    const title = localText(ref.titleVi, ref.titleEn);
    return ref.path ? (
      <Anchor component={Link} to={ref.path} fz="inherit">
        {title}
      </Anchor>
    ) : (
      title
    );
  }
  if (TIMES.has(field) && typeof value === 'string') return formatDateTime(value);
  if (field === 'size' && typeof value === 'number') return t('admin.audit.bytes', { size: formatNumber(value) });
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') {
    const key = codeKey(entry.entity, field, value);
    return key && exists(key) ? t(key) : value;
  }
  if (Array.isArray(value)) {
    return value
      .map((item) => {
        if (item && typeof item === 'object' && 'nameVi' in item && 'nameEn' in item) return localName(item as { nameVi: string; nameEn: string });
        const key = typeof item === 'string' ? codeKey(entry.entity, field, item) : null;
        return key && exists(key) ? t(key) : String(item);
      })
      .join(', ');
  }
  if (typeof value === 'object') {
    const nested = Object.entries(value as Record<string, unknown>).filter(([key]) => !HIDDEN.has(key));
    return (
      <List size="sm" listStyleType="none" spacing={2}>
        {nested.map(([key, inner]) => (
          <List.Item key={key}>
            {fieldLabel(t, exists, entry.entity, key)}:{' '}
            <AuditValue entry={entry} field={key === 'before' || key === 'after' ? field : key} value={inner} />
          </List.Item>
        ))}
      </List>
    );
  }
  return String(value);
}

/** An audit entry's before/after as the fields that changed, old value next to new. */
export function AuditDiff({ entry }: { entry: AuditRow }) {
  const { t, i18n } = useTranslation();
  const keys = changedKeys(entry.before, entry.after).filter((key) => !HIDDEN.has(key));
  if (keys.length === 0) return <Text c="dimmed">{t('admin.audit.noChanges')}</Text>;
  const b = (entry.before ?? {}) as Record<string, unknown>;
  const a = (entry.after ?? {}) as Record<string, unknown>;
  return (
    <Table withTableBorder fz="sm" aria-label={t('admin.audit.changes')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('admin.audit.field')}</Table.Th>
          <Table.Th>{t('admin.audit.before')}</Table.Th>
          <Table.Th>{t('admin.audit.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {keys.map((key) => (
          <Table.Tr key={key}>
            <Table.Td>{fieldLabel(t, (k) => i18n.exists(k), entry.entity, key)}</Table.Td>
            <Table.Td c="red.8">
              <AuditValue entry={entry} field={key} value={b[key]} />
            </Table.Td>
            <Table.Td c="teal.8">
              <AuditValue entry={entry} field={key} value={a[key]} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
