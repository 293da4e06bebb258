import type { Language } from '../locale.js';

/** How long a confirmation link works; an address left unconfirmed longer is forgotten. */
export const CONFIRMATION_HOURS = 48;
/** An address gets at most one confirmation mail in this time, however often it is entered. */
export const CONFIRMATION_PAUSE_MINUTES = 10;

/** The double opt-in mail: nothing is sent to the address until its reader follows the link. */
export function confirmationMail(language: Language, link: string): { subject: string; text: string } {
  return language === 'en'
    ? {
        subject: 'Kopa: confirm following the service status',
        text: [
          'Someone (we hope you) asked to receive Kopa service status notices — incidents, their updates and resolution — at this address.',
          '',
          `To confirm, open this link within ${CONFIRMATION_HOURS} hours:`,
          link,
          '',
          'If it was not you, ignore this mail: nothing more will be sent.',
        ].join('\n'),
      }
    : {
        subject: 'Kopa: apstipriniet pakalpojumu statusa paziņojumus',
        text: [
          'Kāds (cerams, jūs) lūdza sūtīt uz šo adresi Kopa pakalpojumu statusa paziņojumus — par traucējumiem, to jaunumiem un novēršanu.',
          '',
          `Lai apstiprinātu, atveriet šo saiti ${CONFIRMATION_HOURS} stundu laikā:`,
          link,
          '',
          'Ja tas nebijāt jūs, neņemiet šo vēstuli vērā: nekas vairāk netiks sūtīts.',
        ].join('\n'),
      };
}
