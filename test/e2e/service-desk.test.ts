import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runBrowserJourneys } from '../support/browser.js';
import { BACKENDS } from '../support/database.js';
import { expectAccessible, journeyWorld, logIn, openFromMenu } from './support.js';

// The desk journey in real Chromium: a municipality's user opens a ticket, an agent replies
// in public, the reaction clock stops, the agent resolves it and the user rates the answer.
describe.runIf(runBrowserJourneys).each(BACKENDS)('a ticket through the service desk in the browser on %s', (backend) => {
  const world = journeyWorld(backend);

  const reactionClock = (page: Page) => page.getByRole('region', { name: 'Reakcija' });
  const subject = 'Būvatļauju e-pakalpojums atgriež kļūdu 502';

  it('opens, answers, resolves and rates a ticket', async () => {
    const user = await world.open();
    await logIn(user, 'lietotajs@cesis.lv');
    await openFromMenu(user, 'Pieteikumi', 'Pieteikumi');
    await user.getByRole('heading', { name: 'Pieteikumi', level: 1 }).waitFor();
    await expectAccessible(user, 'tickets list (municipality)');
    await user.getByRole('link', { name: 'Jauns pieteikums' }).click();
    await user.getByRole('heading', { name: 'Jauns pieteikums', level: 1 }).waitFor();
    await expectAccessible(user, 'new ticket form');

    // Submitting empty names the missing fields before anything is sent.
    await user.getByRole('button', { name: 'Iesniegt pieteikumu' }).click();
    await expect.poll(() => user.locator('#ticket-subject').getAttribute('aria-invalid')).toBe('true');

    await user.locator('#ticket-priority-P2').check();
    await user.locator('#ticket-category').selectOption('incident');
    await user.locator('#ticket-subject').fill(subject);
    await user.locator('#ticket-description').fill('Kopš rīta iesniedzot būvatļaujas pieteikumu portāls atgriež kļūdu 502.');
    await user.getByRole('button', { name: 'Iesniegt pieteikumu' }).click();
    await user.getByRole('heading', { name: subject, level: 1 }).waitFor();
    await user.getByText(/Pieteikums Nr\. .+ ir reģistrēts\./).waitFor();
    await expectAccessible(user, 'ticket page (municipality, new)');
    expect(await reactionClock(user).textContent()).not.toContain('Izpildīts laikā');
    const ticketPath = new URL(user.url()).pathname;
    const ticketId = ticketPath.split('/').at(-1)!;
    const opened = await user.evaluate(async (id) => (await fetch(`/api/v1/tickets/${id}`)).json(), ticketId);
    expect(opened.sla.reaction.metAt).toBeNull();
    expect(opened.sla.reaction.targetMinutes).toBe(120); // the demo agreements keep DESIGN.md's P2 default

    const agent = await world.open();
    await logIn(agent, 'dienests@rda.lv');
    await agent.goto('/tickets');
    await agent.getByRole('link', { name: subject }).click();
    await agent.getByRole('heading', { name: subject, level: 1 }).waitFor();
    await expectAccessible(agent, 'ticket page (agent)');
    await agent.getByRole('button', { name: 'Piešķirt man' }).click();
    // People by name, never by e-mail address: the assignee here, the reporter in the side column.
    await agent.getByText('Pieteikums piešķirts: Daiga Dienesta.').waitFor();
    expect(await agent.locator('.ticket-side').textContent()).not.toContain('lietotajs@cesis.lv');

    // The reply and the status after it in one action; a desk reply to a new ticket starts work by default.
    await agent.locator('#comment-body').fill('Labdien! Kļūdu redzam, pārstartējam lietotnes serveri.');
    const after = agent.getByLabel('Statuss pēc nosūtīšanas');
    expect(await after.inputValue()).toBe('in_progress');
    await after.selectOption({ label: 'Atrisināts' });
    await agent.getByRole('button', { name: 'Pievienot komentāru' }).click();
    await agent.getByText('Komentārs pievienots. Statuss nomainīts: „Atrisināts”.').waitFor();
    // The first public reply by agency staff stops the reaction clock.
    await expect.poll(() => reactionClock(agent).textContent()).toContain('Izpildīts laikā');
    await expectAccessible(agent, 'ticket page (agent, resolved)');

    await user.reload();
    await user.getByText('Labdien! Kļūdu redzam, pārstartējam lietotnes serveri.').waitFor();
    expect(await reactionClock(user).textContent()).toContain('Izpildīts laikā');
    const ratingSection = user.getByRole('region', { name: 'Novērtējums' });
    await expectAccessible(user, 'ticket page (municipality, resolved)');
    await ratingSection.getByLabel('4 — apmierināts').check();
    await ratingSection.getByLabel('Komentārs par novērtējumu').fill('Atrisināja stundas laikā, paldies.');
    await ratingSection.getByRole('button', { name: 'Iesniegt novērtējumu' }).click();
    await ratingSection.getByText('Novērtējums: 4 no 5').waitFor();
    await expectAccessible(user, 'ticket page (municipality, rated)');

    const rated = await user.evaluate(async (id) => (await fetch(`/api/v1/tickets/${id}`)).json(), ticketId);
    expect(rated).toMatchObject({ status: 'resolved', satisfaction: { rating: 4, comment: 'Atrisināja stundas laikā, paldies.' } });
    expect(rated.sla.reaction.metAt).not.toBeNull();
    expect(rated.sla.resolution.metAt).not.toBeNull();
    await user.context().close();
    await agent.context().close();
  });

  it('opens a long conversation at its latest entries and shows older ones on request', async () => {
    const agent = await world.open();
    await logIn(agent, 'dienests@rda.lv');
    // Sixty workflow steps make a timeline longer than the fifty entries a ticket carries.
    const ticketId = await agent.evaluate(async () => {
      const { csrfToken } = (await (await fetch('/api/v1/session')).json()) as { csrfToken: string };
      const send = async (path: string, body: unknown) => {
        const res = await fetch(`/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify(body) });
        if (!res.ok) throw new Error(`${path}: ${res.status}`);
        return res.json() as Promise<{ id: string }>;
      };
      const tenants = (await (await fetch('/api/v1/tenants')).json()).items as { id: string; name: string }[];
      const { id } = await send('/tickets', { tenantId: tenants.find((x) => x.name.startsWith('Cēsu'))!.id, priority: 'P3', subject: 'Ilga sarakste par e-pastu', description: 'Pastkastes neatjaunojas.' });
      for (let i = 0; i < 30; i++) {
        await send(`/tickets/${id}/status`, { status: 'in_progress' });
        await send(`/tickets/${id}/status`, { status: 'waiting_for_customer' });
      }
      return id;
    });
    await agent.goto(`/tickets/${ticketId}`);
    await agent.getByRole('heading', { name: 'Ilga sarakste par e-pastu', level: 1 }).waitFor();
    const timeline = agent.locator('ol.timeline');
    await expect.poll(() => timeline.locator('li').count()).toBe(50);
    expect(await timeline.getByText('Izveidoja pieteikumu (prioritāte P3)').count()).toBe(0);
    await expectAccessible(agent, 'ticket page with a long timeline');
    await agent.getByRole('button', { name: 'Rādīt vecākus' }).click();
    await agent.getByText('Augšā parādīti 11 vecāki ieraksti.').waitFor();
    expect(await timeline.locator('li').count()).toBe(61);
    await timeline.getByText('Izveidoja pieteikumu (prioritāte P3)').waitFor();
    // The whole timeline is shown: the button is gone and focus moved to the oldest entry.
    expect(await agent.getByRole('button', { name: 'Rādīt vecākus' }).count()).toBe(0);
    expect(await agent.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Izveidoja pieteikumu');
    await expectAccessible(agent, 'ticket page with its whole timeline');

    await agent.context().close();
  });
});
