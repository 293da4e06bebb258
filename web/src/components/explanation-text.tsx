import { useTranslation } from 'react-i18next';
import { renderExplanation, type Explanation } from '../../../src/domain/billing/explanation';
import { currentLanguage } from '../i18n';

interface Props {
  /** The server's reason as a code and its figures. */
  explanation: Explanation;
}

/**
 * A server-made explanation in the UI language, by the same texts and number formats the PDFs use
 * (src/domain/billing/explanation.ts, the one place). Re-renders when the language changes.
 */
export function ExplanationText({ explanation }: Props) {
  useTranslation();
  return <>{renderExplanation(explanation, currentLanguage())}</>;
}
