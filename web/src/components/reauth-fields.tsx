import { useTranslation } from 'react-i18next';
import type { Text } from '../messages';
import { TextField } from './fields';

interface Props {
  idPrefix: string;
  password: string;
  onPassword: (value: string) => void;
  /** Shown when a code is asked for too (an authenticator app is set up). */
  code?: string;
  onCode?: (value: string) => void;
  errors: { password?: Text | null; code?: Text | null };
}

/** Asking again for the password (and a code) before a change to how one signs in. */
export function ReauthFields({ idPrefix, password, onPassword, code, onCode, errors }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        id={`${idPrefix}-password`}
        label={t('login.password')}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => onPassword(e.target.value)}
        error={errors.password ?? null}
      />
      {onCode && (
        <TextField
          id={`${idPrefix}-code`}
          label={t('mfa.codeOrRecovery')}
          hint={t('mfa.codeHint')}
          autoComplete="one-time-code"
          spellCheck={false}
          value={code ?? ''}
          onChange={(e) => onCode(e.target.value)}
          error={errors.code ?? null}
        />
      )}
    </>
  );
}
