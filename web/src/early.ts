import { askEarly, type EarlyRequest } from './api/early-answers';
import { monitorsFirstScreen } from './features/monitoring/monitors-first-screen';

/**
 * The page's first script (ADR 0028), run as soon as its few kilobytes arrive, before the app's own
 * (React, the router and the page's code: a few hundred milliseconds of a cold visit): it asks the
 * server who is signed in and, for a page with a first screen of its own, that screen's data. The
 * app's first identical requests take these answers (api/early-answers.ts). Nothing here may import
 * React or a page: everything it imports is loaded before it runs.
 */
const FIRST_SCREENS = new Map<string, (search: URLSearchParams) => EarlyRequest[]>([['/monitors', monitorsFirstScreen]]);

askEarly('/api/v1/session');
const path = location.pathname.replace(/(.)\/+$/, '$1');
for (const request of FIRST_SCREENS.get(path)?.(new URLSearchParams(location.search)) ?? []) askEarly(...request);
