import type { Home } from '../../../contracts/home.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { requireHomeReader } from './policy.ts';
import { HOME_ITEMS_PER_SECTION, registeredHomeProviders } from './registry.ts';

/**
 * What needs the caller: every module's sections (registry.ts), in the order of MODULES. Each section
 * lists its first items and counts them all.
 */
export async function getHome(deps: AppDeps, ctx: RequestContext): Promise<Home> {
  requireHomeReader(ctx);
  const sections = [];
  for (const { module, provider } of registeredHomeProviders()) {
    for (const section of await provider(deps, ctx)) {
      if (!section.key.startsWith(`${module}.`)) throw new Error(`home section ${section.key} of module ${module} must be named ${module}.<what>`);
      sections.push({ ...section, items: section.items.slice(0, HOME_ITEMS_PER_SECTION) });
    }
  }
  return { sections };
}
