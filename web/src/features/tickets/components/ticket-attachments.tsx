import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentHref, useUploadAttachment, type Attachment } from '../queries';
import { formatInstant, formatNumber } from '../../../format';
import { useFormErrors } from '../../../hooks/use-form-errors';
import type { Resource } from '../../../hooks/use-resource';
import { fieldMessage } from '../../../messages';
import { AsyncSection } from '../../../components/async-section';
import { DataTable } from '../../../components/data-table';
import { ErrorSummary } from '../../../components/error-summary';

export const ATTACHMENT_TYPES = ['pdf', 'png', 'jpg', 'jpeg', 'gif', 'txt', 'log', 'csv', 'docx', 'xlsx', 'odt', 'ods', 'edoc'];
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 1)} KB`;
  return `${formatNumber(bytes / (1024 * 1024), 1)} MB`;
}

interface Props {
  ticketId: string;
  attachments: Resource<Attachment[]>;
  /** False for read-only roles and closed tickets. */
  canUpload: boolean;
  closed: boolean;
}

/** Files on the ticket (downloads) and an upload with a progress bar. */
export function TicketAttachments({ ticketId, attachments, canUpload, closed }: Props) {
  const { t } = useTranslation();
  const upload = useUploadAttachment(ticketId);
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const [done, setDone] = useState('');
  const form = useFormErrors();
  const inputId = useId();
  const progressId = useId();
  const error = form.errors.fields.file ? fieldMessage(t, form.errors.fields.file, form.errors.local) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone('');
    const ext = file?.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
    const problem = !file
      ? t('attachments.chooseFile')
      : !ATTACHMENT_TYPES.includes(ext)
        ? t('attachments.badType', { types: ATTACHMENT_TYPES.join(', ') })
        : file.size === 0
          ? t('attachments.emptyFile')
          : file.size > MAX_ATTACHMENT_BYTES
            ? t('attachments.tooLarge')
            : null;
    if (form.fromList(problem ? [{ field: 'file', message: problem }] : [])) return;
    setProgress({ loaded: 0, total: file!.size });
    try {
      const uploaded = await upload.mutateAsync({ file: file!, onProgress: setProgress });
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
      setDone(t('attachments.uploaded', { name: uploaded.fileName }));
    } catch (e) {
      form.fromError(e);
    } finally {
      setProgress(null);
    }
  };

  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;

  return (
    <>
      <AsyncSection resource={attachments}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('attachments.none')}</p>
          ) : (
            <DataTable caption={t('attachments.caption')} captionHidden>
              <thead>
                <tr>
                  <th scope="col">{t('attachments.file')}</th>
                  <th scope="col">{t('attachments.size')}</th>
                  <th scope="col">{t('attachments.by')}</th>
                  <th scope="col">{t('attachments.at')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((a) => (
                  <tr key={a.id}>
                    <th scope="row" className="break">
                      <a href={attachmentHref(ticketId, a.id)} download={a.fileName}>
                        {a.fileName}
                      </a>
                    </th>
                    <td className="nowrap">{formatBytes(a.sizeBytes)}</td>
                    <td className="break">{a.uploadedBy}</td>
                    <td>{formatInstant(a.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )
        }
      </AsyncSection>
      {canUpload && closed && <p className="muted">{t('attachments.closed')}</p>}
      {canUpload && !closed && (
        <form className="form card" onSubmit={(e) => void submit(e)} noValidate aria-busy={progress !== null} aria-labelledby={`${inputId}-title`}>
          <h3 id={`${inputId}-title`}>{t('attachments.add')}</h3>
          <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={{ file: t('attachments.file') }} idOf={() => inputId} />
          <div className={`field${error ? ' field-invalid' : ''}`}>
            <label htmlFor={inputId} className="field-label">
              {t('attachments.file')}
            </label>
            <p id={`${inputId}-hint`} className="field-hint">
              {t('attachments.hint', { types: ATTACHMENT_TYPES.join(', ') })}
            </p>
            {error && (
              <p id={`${inputId}-error`} className="field-error">
                <span className="visually-hidden">{t('common.errorPrefix')} </span>
                <span lang={error.lang}>{error.text}</span>
              </p>
            )}
            <input
              ref={inputRef}
              id={inputId}
              name="file"
              type="file"
              className="input input-file"
              accept={ATTACHMENT_TYPES.map((x) => `.${x}`).join(',')}
              aria-describedby={[`${inputId}-hint`, error ? `${inputId}-error` : null].filter(Boolean).join(' ')}
              aria-invalid={error ? true : undefined}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              disabled={progress !== null}
            />
          </div>
          {progress && (
            <div className="upload-progress">
              <label htmlFor={progressId}>{t('attachments.progress', { percent })}</label>
              <progress id={progressId} max={100} value={percent}>
                {percent} %
              </progress>
            </div>
          )}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={progress !== null}>
              {progress ? t('attachments.uploading') : t('attachments.upload')}
            </button>
          </div>
          <p role="status" className="status-line">
            {done}
          </p>
        </form>
      )}
    </>
  );
}
