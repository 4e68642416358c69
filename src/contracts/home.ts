import { z } from 'zod';

// The home page: what needs the signed-in user, collected from every module that has something to say
// (`ModuleDefinition.home` in server/modules/index.ts). A section is one kind of thing to do (approvals
// waiting, comments to answer, …); its texts are locale keys the web translates (`titleKey`, `emptyKey`,
// `action.labelKey`), its items arrive already written in the caller's language.

export const HomeItem = z.object({
  id: z.string().describe('The record the item is about'),
  path: z.string().describe('Where the record opens in the web app'),
  title: z.string().describe("The record's title, in the caller's language"),
  detail: z.string().nullable().describe("Why it is here (who did what, which area, how long left), in the caller's language"),
  date: z.string().nullable().describe('A calendar date that matters (YYYY-MM-DD), e.g. the end date'),
  time: z.string().nullable().describe('When it happened (ISO timestamp), e.g. the comment'),
  badgeKey: z.string().nullable().describe("A locale key for a short label beside the title, e.g. the agreement's status"),
});
export type HomeItem = z.infer<typeof HomeItem>;

export const HomeAction = z.object({
  labelKey: z.string().describe('Locale key of the button'),
  path: z.string().describe('Where it leads in the web app'),
});

export const HomeSection = z.object({
  key: z.string().describe('Stable name of the section, `<module>.<what>`, e.g. `agreements.approvals`'),
  titleKey: z.string().describe('Locale key of the heading'),
  emptyKey: z.string().describe('Locale key of what to say (and what to do next) when the section is empty'),
  count: z.int().min(0).describe('How many there are in all (the items are the first few)'),
  items: z.array(HomeItem),
  action: HomeAction.optional().describe('What to do next, offered when the section is empty (only if the caller may)'),
  morePath: z.string().optional().describe('The full list in the web app, when there are more than the items'),
});
export type HomeSection = z.infer<typeof HomeSection>;

export const Home = z.object({ sections: z.array(HomeSection) });
export type Home = z.infer<typeof Home>;
