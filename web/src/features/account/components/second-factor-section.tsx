import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../../format';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { accountCalls, useSecondFactors, type Passkey } from '../queries';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DataTable } from '../../../components/data-table';
import { ErrorSummary } from '../../../components/error-summary';
import { Loading } from '../../../components/loading';
import { PasskeyAdd } from './passkey-add';
import { ProblemMessage } from '../../../components/problem-message';
import { ReauthFields } from '../../../components/reauth-fields';
import { RecoveryCodes } from './recovery-codes';
import { StateBadge } from '../../../components/status-badge';
import { TextField } from '../../../components/fields';
import { TotpSetup } from './totp-setup';

/** One's own second factors: the authenticator app, passkeys, and recovery codes. */
export function SecondFactorSection() {
  const { t } = useTranslation();
  const status = useSecondFactors();
  const [settingUp, setSettingUp] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [action, setAction] = useState<'removeTotp' | 'regenerate' | null>(null);
  const [removing, setRemoving] = useState<Passkey | null>(null);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [renaming, setRenaming] = useState<Passkey | null>(null);
  const [newName, setNewName] = useState('');
  const form = useFormErrors();

  if (status.loading && !status.data) return <Loading label={t('common.loading')} />;
  if (!status.data) return <ProblemMessage error={status.error} onRetry={status.reload} />;
  const s = status.data;

  const reauth = async (event: FormEvent, run: () => Promise<void>) => {
    event.preventDefault();
    try {
      await run();
      setPassword('');
      setCode('');
      setAction(null);
      form.clear();
      status.reload();
    } catch (error) {
      form.fromError(error);
    }
  };

  return (
    <>
      <p role="status" className="status-line">
        {announcement}
      </p>
      {codes && (
        <RecoveryCodes
          level={3}
          codes={codes}
          doneLabel={t('secret.dismiss')}
          onDone={() => {
            setCodes(null);
            status.reload();
          }}
        />
      )}
      {s.required && <p className="muted">{t('mfa.requiredForRole')}</p>}

      <h3>{t('mfa.totpTitle')}</h3>
      {s.totp ? (
        <>
          <p>
            <StateBadge tone="ok" label={t('mfa.totpOn')} />
          </p>
          {action !== 'removeTotp' ? (
            <button type="button" className="button button-danger-outline" onClick={() => setAction('removeTotp')}>
              {t('mfa.totpRemove')}
            </button>
          ) : (
            <form className="form" noValidate onSubmit={(e) => void reauth(e, async () => {
              await accountCalls.removeTotp(password, code.trim());
              setAnnouncement(t('mfa.totpRemoved'));
            })}>
              <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={{ password: t('login.password'), code: t('mfa.codeOrRecovery') }} idOf={(f) => `totp-remove-${f}`} />
              <p>{t('mfa.reauthExplain')}</p>
              <ReauthFields idPrefix="totp-remove" password={password} onPassword={setPassword} code={code} onCode={setCode} errors={{ password: form.message('password'), code: form.message('code') }} />
              <div className="button-row">
                <button type="submit" className="button button-danger">{t('mfa.totpRemove')}</button>
                <button type="button" className="button button-secondary" onClick={() => setAction(null)}>{t('common.cancel')}</button>
              </div>
            </form>
          )}
        </>
      ) : settingUp ? (
        <TotpSetup
          onConfirmed={(result) => {
            setSettingUp(false);
            setCodes(result.recoveryCodes);
            setAnnouncement(t('mfa.totpAdded'));
          }}
        />
      ) : (
        <>
          <p>
            <StateBadge tone="off" label={t('mfa.totpOff')} />
          </p>
          <button type="button" className="button button-secondary" onClick={() => setSettingUp(true)}>
            {t('mfa.totpSetUp')}
          </button>
        </>
      )}

      <h3>{t('mfa.passkeysTitle')}</h3>
      {s.passkeys.length === 0 ? (
        <p className="muted">{t('mfa.noPasskeys')}</p>
      ) : (
        <DataTable caption={t('mfa.passkeysTitle')} captionHidden>
          <thead>
            <tr>
              <th scope="col">{t('mfa.passkeyName')}</th>
              <th scope="col">{t('common.createdAt')}</th>
              <th scope="col">{t('mfa.lastUsed')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {s.passkeys.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td>{formatInstant(p.createdAt)}</td>
                <td>{formatInstant(p.lastUsedAt)}</td>
                <td>
                  <div className="row-actions">
                    <button type="button" className="button button-small button-secondary" aria-label={`${t('mfa.rename')}: ${p.name}`} onClick={() => { setRenaming(p); setNewName(p.name); }}>
                      {t('mfa.rename')}
                    </button>
                    <button type="button" className="button button-small button-danger-outline" aria-label={`${t('mfa.remove')}: ${p.name}`} onClick={() => { setRemoving(p); setPassword(''); }}>
                      {t('mfa.remove')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <PasskeyAdd
        onAdded={(result) => {
          if (result.recoveryCodes) setCodes(result.recoveryCodes);
          setAnnouncement(t('mfa.passkeyAdded', { name: result.passkey.name }));
          status.reload();
        }}
      />

      {(s.totp || s.passkeys.length > 0) && (
        <>
          <h3>{t('mfa.recoveryTitle')}</h3>
          <p>{t('mfa.recoveryLeft', { count: s.recoveryCodesLeft })}</p>
          {action !== 'regenerate' ? (
            <button type="button" className="button button-secondary" onClick={() => setAction('regenerate')}>
              {t('mfa.recoveryRegenerate')}
            </button>
          ) : (
            <form className="form" noValidate onSubmit={(e) => void reauth(e, async () => {
              const result = await accountCalls.regenerateRecoveryCodes(password, s.totp ? code.trim() : undefined);
              setCodes(result.recoveryCodes);
            })}>
              <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={{ password: t('login.password'), code: t('mfa.codeOrRecovery') }} idOf={(f) => `regenerate-${f}`} />
              <p>{t('mfa.regenerateExplain')}</p>
              <ReauthFields idPrefix="regenerate" password={password} onPassword={setPassword} {...(s.totp && { code, onCode: setCode })} errors={{ password: form.message('password'), code: form.message('code') }} />
              <div className="button-row">
                <button type="submit" className="button button-primary">{t('mfa.recoveryRegenerate')}</button>
                <button type="button" className="button button-secondary" onClick={() => setAction(null)}>{t('common.cancel')}</button>
              </div>
            </form>
          )}
        </>
      )}

      <ConfirmDialog
        open={removing !== null}
        title={t('mfa.passkeyRemoveTitle', { name: removing?.name ?? '' })}
        confirmLabel={t('mfa.remove')}
        initialFocus="body"
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          await accountCalls.removePasskey(removing.id, password);
          setAnnouncement(t('mfa.passkeyRemoved', { name: removing.name }));
          setPassword('');
          status.reload();
        }}
      >
        <p>{t('mfa.reauthExplain')}</p>
        <ReauthFields idPrefix="passkey-remove" password={password} onPassword={setPassword} errors={{}} />
      </ConfirmDialog>
      <ConfirmDialog
        open={renaming !== null}
        title={t('mfa.renameTitle')}
        confirmLabel={t('common.save')}
        danger={false}
        initialFocus="body"
        onClose={() => setRenaming(null)}
        onConfirm={async () => {
          if (!renaming) return;
          const saved = await accountCalls.renamePasskey(renaming.id, newName.trim());
          setAnnouncement(t('mfa.passkeyRenamed', { name: saved.name }));
          status.reload();
        }}
      >
        <TextField id="passkey-rename" label={t('mfa.passkeyName')} maxLength={100} value={newName} onChange={(e) => setNewName(e.target.value)} />
      </ConfirmDialog>
    </>
  );
}
