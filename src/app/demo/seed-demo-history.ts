import { systemActor, type Actor } from '../../domain/actor.js';
import { DEFAULT_ZONE, localDateOf, localToEpochMs } from '../../domain/calendar/local-time.js';
import { addMonths, monthOf } from '../../domain/calendar/month.js';
import type { Priority } from '../../domain/agreement.js';
import type { TicketCategory, TicketStatus } from '../../domain/desk/ticket.js';
import type { User } from '../../domain/user.js';
import { seedDemoBilling, type DemoFootprint } from './demo-billing-history.js';
import { atClock } from './demo-clock.js';
import { seedDemoMonitoring } from './demo-monitoring-history.js';
import { openTicket } from '../desk/open-ticket.js';
import type { DemoHistoryDeps } from './ports.js';
import { changeTicketStatus, commentOnTicket, rateTicket } from '../desk/work-ticket.js';
import { SYSTEM } from '../shared/transaction.js';

const ZONE = DEFAULT_ZONE;

const FOOTPRINTS: Omit<DemoFootprint, 'tenantId' | 'since'>[] = [
  { slug: 'cesis', users: 412, vcpus: 8, ramGb: 32, storageGb: 1800, backupGb: 2400 },
  { slug: 'sigulda', users: 285, vcpus: 6, ramGb: 24, storageGb: 1200, backupGb: 1500 },
  { slug: 'valmiera', users: 530, vcpus: 10, ramGb: 48, storageGb: 2600, backupGb: 3100 },
  { slug: 'ogre', users: 361, vcpus: 8, ramGb: 32, storageGb: 1500, backupGb: 2000 },
  { slug: 'talsi', users: 198, vcpus: 4, ramGb: 16, storageGb: 700, backupGb: 900 },
];

const userActor = (u: User): Actor => ({ kind: 'user', id: u.id, label: u.email, role: u.role, tenantId: u.tenantId, requestId: null, clientAddress: null });

interface TicketStory {
  reporter: string;
  service: string;
  priority: Priority;
  category: TicketCategory;
  subject: string;
  description: string;
  /** Minutes after opening: the agent's public answer, later statuses, the rating. */
  answer?: { after: number; text: string };
  statuses?: { after: number; to: TicketStatus }[];
  rating?: { after: number; stars: number; comment: string };
}

/**
 * History for `kopa demo`, so every page has something true to show: five weeks of monitoring,
 * an incident, maintenance, tickets in each state, and three months of metering, invoices and a
 * draft run. It runs through the same use cases as real work, with the clock set to when each
 * thing happened. Only for a fresh demo database; tests seed their own figures.
 */
export async function seedDemoHistory(deps: DemoHistoryDeps, municipalities: { slug: string; since: string; tenantId: string }[]): Promise<void> {
  const actor = systemActor('demo-seed');
  const { services, users } = await deps.store.run(SYSTEM, async (tx) => ({
    services: await deps.store.services.list(tx),
    users: await deps.store.users.list(tx, null, {}),
  }));
  const bySlug = new Map(municipalities.map((m) => [m.slug, m]));
  await seedDemoMonitoring(deps, actor, services);
  await seedDemoBilling(deps, actor, FOOTPRINTS.map((f) => ({ ...f, tenantId: bySlug.get(f.slug)!.tenantId, since: bySlug.get(f.slug)!.since })));
  await seedDemoTickets(deps, users, services);
}

async function seedDemoTickets(deps: DemoHistoryDeps, users: readonly User[], services: { id: string; code: string }[]): Promise<void> {
  const now = deps.clock.now().getTime();
  const today = localDateOf(ZONE, now);
  const lastMonth = addMonths(monthOf(today), -1);
  const person = (email: string) => users.find((u) => u.email === email)!;
  const agent = userActor(person('dienests@rda.lv'));
  const stories: { opened: number; story: TicketStory }[] = [
    {
      opened: localToEpochMs(ZONE, `${lastMonth}-09`, 9 * 60 + 40),
      story: {
        reporter: 'admin@cesis.lv', service: 'DVS', priority: 'P3', category: 'incident',
        subject: 'Neizdodas nosūtīt dokumentu uz e-adresi',
        description: 'Nosūtot lēmumu uz iedzīvotāja e-adresi, parādās kļūda "Adresāts nav atrasts", lai gan e-adrese ir aktīva.',
        answer: { after: 45, text: 'Paldies, kļūdu atkārtojām. E-adrešu katalogs tika kešots pārāk ilgi; atjaunojam to un pārbaudīsim sūtījumu.' },
        statuses: [{ after: 46, to: 'in_progress' }, { after: 270, to: 'resolved' }],
        rating: { after: 1440, stars: 5, comment: 'Ātri un saprotami, paldies!' },
      },
    },
    {
      opened: localToEpochMs(ZONE, `${lastMonth}-16`, 16 * 60 + 40),
      story: {
        reporter: 'lietotajs@sigulda.lv', service: 'EPAK', priority: 'P2', category: 'incident',
        subject: 'Iesnieguma formā nesaglabājas pielikumi',
        description: 'Iedzīvotāji ziņo, ka, pievienojot PDF pielikumu iesniegumam par sociālo palīdzību, forma to neparāda pēc saglabāšanas.',
        answer: { after: 30, text: 'Esam sākuši izpēti: pielikumu krātuve atbild lēni. Informēsim par risinājumu.' },
        statuses: [{ after: 31, to: 'in_progress' }, { after: 2900, to: 'resolved' }],
        rating: { after: 3100, stars: 4, comment: 'Atrisināts, bet vēlētos ātrāku informāciju iedzīvotājiem.' },
      },
    },
    {
      opened: now - 26 * 3_600_000,
      story: {
        reporter: 'admin@valmiera.lv', service: 'GIS', priority: 'P4', category: 'question',
        subject: 'Kā piešķirt GIS rediģēšanas tiesības?',
        description: 'Teritorijas plānotājai vajag labot adrešu slāni. Kur to var iestatīt?',
        answer: { after: 60, text: 'Tiesības piešķir pašvaldības administrators lietotāju sadaļā. Lūdzu, norādiet kolēģes e-pastu, lai pārbaudām viņas lomu.' },
        statuses: [{ after: 61, to: 'waiting_for_customer' }],
      },
    },
    {
      opened: now - 2 * 3_600_000,
      story: {
        reporter: 'lietotajs@ogre.lv', service: 'DVS', priority: 'P3', category: 'request',
        subject: 'Jauna dokumentu veidne domes lēmumiem',
        description: 'Lūdzam pievienot lietvedībā veidni domes lēmumiem ar jauno novada ģerboni (pielikumā paraugs sekos).',
      },
    },
  ];
  for (const { opened, story } of stories) {
    const reporter = userActor(person(story.reporter));
    const at = (minutes: number) => atClock(deps, opened + minutes * 60_000);
    const ticket = await openTicket(at(0), reporter, { serviceId: services.find((s) => s.code === story.service)?.id ?? null, priority: story.priority, category: story.category, subject: story.subject, description: story.description });
    if (story.answer) await commentOnTicket(at(story.answer.after), agent, ticket.id, story.answer.text, true);
    for (const step of story.statuses ?? []) await changeTicketStatus(at(step.after), agent, ticket.id, step.to);
    if (story.rating) await rateTicket(at(story.rating.after), reporter, ticket.id, story.rating.stars, story.rating.comment);
  }
}
