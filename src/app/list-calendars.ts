import type { Actor } from '../domain/actor.js';
import { requirePermission, scopeOf } from './authorize.js';
import type { Deps } from './ports.js';

export async function listCalendars(deps: Deps, actor: Actor) {
  requirePermission(actor, 'calendars.read');
  return deps.store.run(scopeOf(actor), (tx) => deps.store.calendars.list(tx));
}
