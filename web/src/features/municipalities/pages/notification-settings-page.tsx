import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { ErrorSummary } from '../../../components/error-summary';
import { CheckboxField, TextAreaField } from '../../../components/fields';
import { PageHeading } from '../../../components/page-heading';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { canChange } from '../../../permissions';
import { isTenantRole } from '../../../roles';
import { useUser } from '../../../session';
import { useTenantUsers } from '../../users/queries';
import { useNotificationSettings, useSaveNotificationSettings, type NoticeTopic, type NotificationSettings, type TopicSetting } from '../notification-queries';
import { useTenant } from '../queries';

const TOPICS: NoticeTopic[] = ['maintenance', 'incidents', 'tickets', 'monthly_reports', 'invoices'];
const ROLES = ['tenant_admin', 'tenant_user'] as const;

/** What the form edits: lists of addresses and URLs as text, one per line. */
interface TopicForm {
  contact: boolean;
  roles: string[];
  userIds: string[];
  extraAddresses: string;
  teams: string;
  slack: string;
}

const toForm = (s: TopicSetting): TopicForm => ({ contact: s.email.contact, roles: [...s.email.roles], userIds: [...s.email.userIds], extraAddresses: s.email.extraAddresses.join('\n'), teams: s.teams.join('\n'), slack: s.slack.join('\n') });
const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);
const fromForm = (f: TopicForm): TopicSetting => ({
  email: { contact: f.contact, roles: f.roles as TopicSetting['email']['roles'], userIds: f.userIds, extraAddresses: lines(f.extraAddresses) },
  teams: lines(f.teams),
  slack: lines(f.slack),
});
const toggled = (list: string[], value: string, on: boolean) => (on ? [...new Set([...list, value])] : list.filter((v) => v !== value));

/** Per topic, who at the municipality receives notices by e-mail, and which Teams and Slack channels get them. */
export function NotificationSettingsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const user = useUser();
  const tenant = useTenant(id);
  const settings = useNotificationSettings(id);
  const editable = canChange(user, 'notification_settings.write');
  const people = useTenantUsers(id, editable);
  const save = useSaveNotificationSettings(id);
  const form = useFormErrors();
  const [values, setValues] = useState<Record<NoticeTopic, TopicForm> | null>(null);
  const [saved, setSaved] = useState('');

  useEffect(() => {
    if (settings.data && values === null) setValues(Object.fromEntries(TOPICS.map((topic) => [topic, toForm(settings.data!.topics[topic])])) as Record<NoticeTopic, TopicForm>);
  }, [settings.data, values]);

  const idOf = (field: string) => `ns-${field.replace(/\.\d+$/, '').replace(/\./g, '-')}`;
  const labels: Record<string, string> = {};
  for (const topic of TOPICS) {
    const name = t(`notificationSettings.topics.${topic}`);
    labels[`topics.${topic}.email.extraAddresses`] = `${name}: ${t('notificationSettings.extraAddresses')}`;
    labels[`topics.${topic}.email.userIds`] = `${name}: ${t('notificationSettings.people')}`;
    labels[`topics.${topic}.teams`] = `${name}: ${t('notificationSettings.teams')}`;
    labels[`topics.${topic}.slack`] = `${name}: ${t('notificationSettings.slack')}`;
  }
  const set = (topic: NoticeTopic, change: Partial<TopicForm>) => setValues((v) => (v ? { ...v, [topic]: { ...v[topic], ...change } } : v));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!values) return;
    setSaved('');
    form.clear();
    try {
      const topics = Object.fromEntries(TOPICS.map((topic) => [topic, fromForm(values[topic])])) as NotificationSettings['topics'];
      const stored = await save.mutateAsync({ topics });
      setValues(Object.fromEntries(TOPICS.map((topic) => [topic, toForm(stored.topics[topic])])) as Record<NoticeTopic, TopicForm>);
      setSaved(t('notificationSettings.saved'));
    } catch (error) {
      form.fromError(error);
    }
  };

  const name = tenant.data?.name ?? '';
  return (
    <>
      {!isTenantRole(user.role) && <Breadcrumbs items={[{ label: t('nav.municipalities'), to: '/municipalities' }, { label: name || t('common.loadingShort'), to: `/municipalities/${id}` }, { label: t('notificationSettings.title') }]} />}
      <PageHeading title={t('notificationSettings.title')} documentTitle={`${t('notificationSettings.title')} — ${name}`}>
        <p className="lead">{t('notificationSettings.intro', { name })}</p>
      </PageHeading>
      <AsyncSection resource={settings}>
        {(loaded) =>
          values && (
            <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-busy={save.isPending}>
              <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={idOf} />
              {!loaded.customised && <p className="message">{t('notificationSettings.defaults')}</p>}
              {TOPICS.map((topic) => {
                const v = values[topic];
                const field = (f: string) => `topics.${topic}.${f}`;
                return (
                  <fieldset key={topic} className="card" disabled={!editable}>
                    <legend className="h3">{t(`notificationSettings.topics.${topic}`)}</legend>
                    <p className="field-hint">{t(`notificationSettings.topicHints.${topic}`)}</p>
                    <fieldset>
                      <legend className="field-label">{t('notificationSettings.email')}</legend>
                      <CheckboxField id={idOf(field('email.contact'))} label={t('notificationSettings.contact')} checked={v.contact} onChange={(e) => set(topic, { contact: e.target.checked })} />
                      {ROLES.map((role) => (
                        <CheckboxField key={role} id={idOf(field(`email.roles.${role}`))} label={t(`notificationSettings.role.${role}`)} checked={v.roles.includes(role)} onChange={(e) => set(topic, { roles: toggled(v.roles, role, e.target.checked) })} />
                      ))}
                      {editable && (people.data ?? []).length > 0 && (
                        <fieldset id={idOf(field('email.userIds'))} tabIndex={-1}>
                          <legend className="field-label">{t('notificationSettings.people')}</legend>
                          {form.message(field('email.userIds'), { nested: true }) && <p className="field-error">{form.message(field('email.userIds'), { nested: true })!.text}</p>}
                          {(people.data ?? []).filter((p) => p.active).map((p) => (
                            <CheckboxField key={p.id} id={`ns-${topic}-person-${p.id}`} label={`${p.name} (${p.email})`} checked={v.userIds.includes(p.id)} onChange={(e) => set(topic, { userIds: toggled(v.userIds, p.id, e.target.checked) })} />
                          ))}
                        </fieldset>
                      )}
                      <TextAreaField id={idOf(field('email.extraAddresses'))} label={t('notificationSettings.extraAddresses')} optional hint={t('notificationSettings.onePerLine')} rows={2} value={v.extraAddresses} onChange={(e) => set(topic, { extraAddresses: e.target.value })} error={form.message(field('email.extraAddresses'), { nested: true })} spellCheck={false} />
                    </fieldset>
                    <TextAreaField id={idOf(field('teams'))} label={t('notificationSettings.teams')} optional hint={t('notificationSettings.hookHint')} rows={2} value={v.teams} onChange={(e) => set(topic, { teams: e.target.value })} error={form.message(field('teams'), { nested: true })} spellCheck={false} />
                    <TextAreaField id={idOf(field('slack'))} label={t('notificationSettings.slack')} optional hint={t('notificationSettings.hookHint')} rows={2} value={v.slack} onChange={(e) => set(topic, { slack: e.target.value })} error={form.message(field('slack'), { nested: true })} spellCheck={false} />
                  </fieldset>
                );
              })}
              <p role="status" className="status-line">
                {saved}
              </p>
              {editable && (
                <div className="button-row">
                  <button type="submit" className="button button-primary" disabled={save.isPending}>
                    {save.isPending ? t('common.saving') : t('notificationSettings.save')}
                  </button>
                </div>
              )}
            </form>
          )
        }
      </AsyncSection>
    </>
  );
}
