import QRCode from 'qrcode';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { accountCalls, type TotpConfirmed } from '../queries';
import { ErrorSummary } from '../../../components/error-summary';
import { TextField } from '../../../components/fields';
import { ProblemMessage } from '../../../components/problem-message';

interface Props {
  onConfirmed: (result: TotpConfirmed) => void;
}

/** Groups of four, as authenticator apps print keys: easier to type by hand. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * Setting up an authenticator app: a new secret as a QR code and as text for typing, then the
 * current code from the app to prove it was set up.
 */
export function TotpSetup({ onConfirmed }: Props) {
  const { t } = useTranslation();
  const [started, setStarted] = useState<{ secret: string; otpauthUrl: string } | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [startError, setStartError] = useState<unknown>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const labels = { code: t('mfa.codeLabel') };

  const start = async () => {
    setBusy(true);
    setStartError(null);
    try {
      setStarted(await accountCalls.startTotp());
    } catch (error) {
      setStartError(error);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (!started) return;
    let live = true;
    void QRCode.toString(started.otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }).then((svg) => {
      if (live) setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      live = false;
    };
  }, [started]);

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (form.fromList(code.trim() ? [] : [{ field: 'code', message: t('mfa.codeRequired') }])) return;
    setBusy(true);
    try {
      onConfirmed(await accountCalls.confirmTotp(code.trim()));
    } catch (error) {
      form.fromError(error);
      setCode('');
      setBusy(false);
    }
  };

  if (!started) {
    return (
      <div>
        <p>{t('mfa.totpExplain')}</p>
        {startError !== null && <ProblemMessage error={startError} />}
        <button type="button" className="button button-primary" onClick={() => void start()} disabled={busy}>
          {t('mfa.totpStart')}
        </button>
      </div>
    );
  }

  return (
    <div>
      <ol className="steps">
        <li>
          <p>{t('mfa.totpScan')}</p>
          {qr && <img className="qr-code" src={qr} alt={t('mfa.qrAlt')} />}
        </li>
        <li>
          <p>{t('mfa.totpType')}</p>
          <p className="totp-key" data-testid="totp-secret" aria-label={t('mfa.totpKey')}>
            {grouped(started.secret)}
          </p>
        </li>
        <li>
          <form className="form" onSubmit={(e) => void confirm(e)} noValidate aria-busy={busy}>
            <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={(f) => `totp-${f}`} />
            <TextField
              id="totp-code"
              label={labels.code}
              hint={t('mfa.codeHint')}
              inputMode="numeric"
              autoComplete="one-time-code"
              spellCheck={false}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              error={form.message('code')}
            />
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('common.saving') : t('mfa.totpConfirm')}
            </button>
          </form>
        </li>
      </ol>
    </div>
  );
}
