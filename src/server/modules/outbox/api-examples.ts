import type { OutboxPage } from '../../../contracts/accounts.ts';
import { AT, type Out } from '../api-examples-common.ts';

// OpenAPI examples for routes.ts (what they share: modules/api-examples-common.ts). The mail outbox.

export const outboxPage = {
  items: [
    {
      id: '0c6e2a9f-8d1b-4f53-a7e4-3b9c5d1f8e26',
      toAddress: 'lecturer@hust.edu.vn',
      recipientName: 'Nguyễn Văn An',
      subject: 'Lời mời tham gia hoptac',
      textBody: 'Xin chào Nguyễn Văn An, … Mở liên kết: [liên kết đã ẩn]',
      template: 'invitation',
      status: 'sent',
      error: null,
      createdAt: AT,
      sentAt: '2026-10-02T03:00:05.000Z',
    },
  ],
  nextCursor: null,
} satisfies Out<typeof OutboxPage>;
