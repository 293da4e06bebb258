import { describe, expect, it } from 'vitest';
import { slackMessage, teamsMessage } from './chat-notice.js';
import { checkNotificationSettings, defaultTopicSetting, hookUrlProblem } from './notification-settings.js';

const notice = { subject: 'Rēķins <1>', lines: ['Summa: 10 & *vairāk*', '', 'Invoice'], link: 'https://kopa.rda.lv/x', linkLabel: 'Atvērt' };

describe('chat notices', () => {
  it('words a notice as a Teams MessageCard with an OpenUri action, its Markdown escaped', () => {
    expect(teamsMessage(notice)).toEqual({
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      summary: 'Rēķins <1>',
      title: 'Rēķins <1>',
      text: 'Summa: 10 & \\*vairāk\\*  \nInvoice',
      potentialAction: [{ '@type': 'OpenUri', name: 'Atvērt', targets: [{ os: 'default', uri: 'https://kopa.rda.lv/x' }] }],
    });
    expect(teamsMessage({ ...notice, link: null })).not.toHaveProperty('potentialAction');
  });

  it('words a notice as Slack text and blocks, its markup characters escaped', () => {
    expect(slackMessage(notice)).toEqual({
      text: 'Rēķins <1>\nhttps://kopa.rda.lv/x',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Rēķins <1>', emoji: false } },
        { type: 'section', text: { type: 'mrkdwn', text: 'Summa: 10 &amp; *vairāk*\nInvoice' } },
        { type: 'section', text: { type: 'mrkdwn', text: '<https://kopa.rda.lv/x|Atvērt>' } },
      ],
    });
  });
});

describe('notification settings', () => {
  it('accepts https webhooks, and plain http only on this machine', () => {
    expect(hookUrlProblem('https://x.webhook.office.com/a')).toBeNull();
    expect(hookUrlProblem('http://127.0.0.1:8080/a')).toBeNull();
    expect(hookUrlProblem('http://hooks.slack.com/a')?.code).toBe('invalid_https_url');
    expect(hookUrlProblem('https://user:pw@hooks.slack.com/a')?.code).toBe('url_with_extras');
  });

  it('normalises addresses and leaves topics not given at their defaults', () => {
    const settings = checkNotificationSettings({ invoices: { email: { contact: false, roles: ['tenant_user', 'tenant_user'], userIds: [], extraAddresses: [' Gramatvediba@Cesis.LV '] }, teams: [], slack: [] } });
    expect(settings.invoices.email).toEqual({ contact: false, roles: ['tenant_user'], userIds: [], extraAddresses: ['gramatvediba@cesis.lv'] });
    expect(settings.maintenance).toEqual(defaultTopicSetting());
  });
});
