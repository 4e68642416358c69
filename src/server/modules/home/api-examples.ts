import type { Home } from '../../../contracts/home.ts';
import { AGREEMENT, AT, type Out, TITLE_VI } from '../api-examples-common.ts';

// OpenAPI examples for routes.ts (what they share: modules/api-examples-common.ts). The home page.

export const home = {
  sections: [
    {
      key: 'agreements.approvals',
      titleKey: 'homeItems.approvals.title',
      emptyKey: 'homeItems.approvals.empty',
      count: 1,
      items: [
        {
          id: AGREEMENT,
          path: `/agreements/${AGREEMENT}`,
          title: TITLE_VI,
          detail: 'Bệnh viện Bạch Mai đã phê duyệt phiên bản 3',
          date: null,
          time: AT,
          badgeKey: 'statuses.awaiting_approval',
        },
      ],
    },
  ],
} satisfies Out<typeof Home>;
