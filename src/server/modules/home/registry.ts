import type { HomeSection } from '../../../contracts/home.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';

// What a module tells the home page: its sections of things that need the signed-in user. A module names its
// provider in MODULES (`home`, server/modules/index.ts); `registerModules` registers it here and
// `GET /api/v1/home` asks every registered provider, in the order of MODULES. A provider decides with its own
// module's policy which sections the caller gets at all (none, when the caller may not read the module's
// records) and what goes into them, through the module's own queries and visibility rules.

export type HomeProvider = (deps: AppDeps, ctx: RequestContext) => Promise<HomeSection[]>;

/** How many items a section lists (its `count` says how many there are in all). */
export const HOME_ITEMS_PER_SECTION = 5;

const providers = new Map<string, HomeProvider>();

export function registerHomeProvider(module: string, provider: HomeProvider) {
  const known = providers.get(module);
  if (known && known !== provider) throw new Error(`module ${module} registers two home providers`);
  providers.set(module, provider);
}

export const registeredHomeProviders = (): { module: string; provider: HomeProvider }[] =>
  [...providers.entries()].map(([module, provider]) => ({ module, provider }));
