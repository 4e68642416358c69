import type { AuditPage } from '../../../contracts/accounts.ts';
import { AGREEMENT, AT, COMMENT, type Out, TITLE_EN, TITLE_VI } from '../api-examples-common.ts';

// OpenAPI examples for routes.ts (what they share: modules/api-examples-common.ts). The audit log.

export const auditPage = {
  items: [
    {
      id: '1842',
      actorLabel: 'officer@hust.demo.hoptac.vn',
      actorName: 'ThS. Đỗ Thị Minh Ngọc',
      actorKind: 'user',
      entity: 'agreement',
      entityId: AGREEMENT,
      action: 'comment',
      before: null,
      after: { commentId: COMMENT, areaKey: 'training' },
      record: { titleVi: TITLE_VI, titleEn: TITLE_EN, path: `/agreements/${AGREEMENT}` },
      refs: { training: { titleVi: 'Đào tạo', titleEn: 'Training', path: `/agreements/${AGREEMENT}` } },
      requestId: '5f0c7a1e-3b2d-4c8e-9a61-2d7e4b9c0f13',
      createdAt: AT,
    },
  ],
  nextCursor: 'eyJrIjoiMjAyNi0xMC0wMiAxMDowMDowMCswNyIsImlkIjoiMTg0MiJ9',
} satisfies Out<typeof AuditPage>;
