import { Badge, Button, Center, Group, Loader, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agreement } from '../../../contracts/agreements.ts';
import { ApiError } from '../../lib/api.ts';
import { notifyError } from '../../lib/form-errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { ActorName } from './ActorName.tsx';
import { localTitle } from './options.ts';
import { useAddComment, useComments } from './queries.ts';

/** The parties' discussion: comments and proposed changes, on the whole agreement, an area or a clause. */
export function CommentsPanel({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const comments = useComments(agreement.id, agreement.permissions.readDiscussion);
  const areaTitle = (key: string | null) => {
    const area = key ? agreement.content.areas.find((a) => a.key === key) : undefined;
    return area ? localTitle(area) : key;
  };
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('agreements.comments.partiesOnly')}
      </Text>
      {agreement.permissions.comment && <CommentForm agreement={agreement} />}
      {comments.isPending && (
        <Center py="md">
          <Loader size="sm" aria-label={t('common.loading')} />
        </Center>
      )}
      {comments.error && <QueryError error={comments.error} onRetry={() => void comments.refetch()} />}
      {comments.data?.length === 0 && <EmptyHint title={t('agreements.comments.emptyTitle')} description={t('agreements.comments.emptyHint')} />}
      <Stack gap="sm" role="list" aria-label={t('agreements.comments.title')}>
        {[...(comments.data ?? [])].reverse().map((comment) => (
          <Paper key={comment.id} withBorder p="sm" radius="md" role="listitem">
            <Group gap={6} mb={4}>
              <Badge size="sm" variant="light" color={comment.kind === 'proposal' ? 'orange' : 'blue'} tt="none">
                {t(`agreements.comments.kinds.${comment.kind}`)}
              </Badge>
              {comment.areaKey && (
                <Badge size="sm" variant="outline" color="grape" tt="none">
                  {areaTitle(comment.areaKey)}
                </Badge>
              )}
              {comment.clause && (
                <Badge size="sm" variant="outline" color="gray" tt="none">
                  {comment.clause}
                </Badge>
              )}
              <Text size="xs" c="dimmed">
                {t('agreements.versionShort', { n: comment.versionNo })}
              </Text>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {comment.body}
            </Text>
            <Text size="xs" c="dimmed" mt={4}>
              <ActorName name={comment.authorName} email={comment.authorEmail} /> ({comment.institutionCode}) · {formatDateTime(comment.createdAt)}
            </Text>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}

function CommentForm({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const add = useAddComment(agreement.id);
  const [kind, setKind] = useState<'comment' | 'proposal'>('comment');
  const [areaKey, setAreaKey] = useState<string | null>(null);
  const [clause, setClause] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!body.trim()) {
      setError(t('validation.required', { field: t('fields.body') }));
      return;
    }
    setError(undefined);
    add.mutate(
      { kind, areaKey, clause: clause.trim() || null, body: body.trim() },
      {
        onSuccess: () => {
          setBody('');
          setClause('');
        },
        onError: (failure) => {
          const problem = failure instanceof ApiError ? failure.fieldProblems[0] : undefined;
          if (problem) setError(problem.message);
          else notifyError(failure);
        },
      },
    );
  };
  return (
    <Paper withBorder p="sm" radius="md" component="form" onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SegmentedControl
          value={kind}
          onChange={(value) => setKind(value as 'comment' | 'proposal')}
          data={[
            { value: 'comment', label: t('agreements.comments.kinds.comment') },
            { value: 'proposal', label: t('agreements.comments.kinds.proposal') },
          ]}
          aria-label={t('fields.kind')}
          style={{ alignSelf: 'flex-start' }}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('fields.areaKey')}
            placeholder={t('agreements.comments.wholeAgreement')}
            data={agreement.content.areas.map((area) => ({ value: area.key, label: localTitle(area) }))}
            value={areaKey}
            onChange={setAreaKey}
            clearable
          />
          <TextInput
            label={t('fields.clause')}
            placeholder={t('agreements.comments.clausePlaceholder')}
            value={clause}
            onChange={(e) => setClause(e.currentTarget.value)}
          />
        </SimpleGrid>
        <Textarea
          label={kind === 'proposal' ? t('agreements.comments.proposalBody') : t('agreements.comments.commentBody')}
          withAsterisk
          autosize
          minRows={3}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={error}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={add.isPending}>
            {kind === 'proposal' ? t('agreements.comments.propose') : t('agreements.comments.send')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
