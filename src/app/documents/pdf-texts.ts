/**
 * The words of Kopa's PDFs, one table per language. PdfTexts lists every text, so a language
 * missing one does not compile. Numbers and dates come already formatted for the language.
 */
import type { Language } from '../../domain/locale.js';

export interface PdfTexts {
  page: (page: number, pages: number) => string;
  statement: {
    title: (month: string) => string;
    subject: (month: string) => string;
    prepared: (tenant: string, date: string) => string;
    hostingHeading: string;
    administrationHeading: string;
    hostingColumns: [string, string, string, string];
    administrationColumns: [string, string];
    net: string;
    vat: (rate: string) => string;
    total: string;
    previousTotal: string;
    invoices: (numbers: string) => string;
    notInvoiced: string;
    howHeading: string;
    rules: string[];
  };
  invoice: {
    title: (credit: boolean) => string;
    numbered: (title: string, number: string) => string;
    date: string;
    due: string;
    period: string;
    corrects: (number: string, date: string) => string;
    seller: string;
    buyer: string;
    registration: string;
    vatNumber: string;
    buyerReference: string;
    columns: [string, string, string, string, string, string];
    net: string;
    vat: (rate: string) => string;
    vatExempt: (reason: string) => string;
    exempt: string;
    totalCredited: string;
    totalPayable: string;
    payee: (name: string, account: string, number: string) => string;
    electronic: string;
  };
}

const lv: PdfTexts = {
  page: (page, pages) => `${page}. lpp. no ${pages}`,
  statement: {
    title: (month) => `Izmaksu pārskats par ${month}`,
    subject: (month) => `Izmaksu pārskats ${month}`,
    prepared: (tenant, date) => `${tenant} · sagatavots ${date}`,
    hostingHeading: 'Hostings pēc izmantotā apjoma',
    administrationHeading: 'Administrēšanas izmaksas',
    hostingColumns: ['Pozīcija un skaidrojums', 'Daudzums', 'Cena, EUR', 'Summa'],
    administrationColumns: ['Izmaksu fonds un daļas aprēķins', 'Summa'],
    net: 'Summa bez PVN',
    vat: (rate) => `PVN ${rate} %`,
    total: 'Kopā',
    previousTotal: 'Iepriekšējā mēnesī kopā',
    invoices: (numbers) => `Rēķini: ${numbers}.`,
    notInvoiced: 'Rēķins vēl nav izrakstīts.',
    howHeading: 'Kā aprēķināts',
    rules: [
      'Hostings: katrai (piegādātājs, resurss, vienības cena) rindai Σ daudzums × cena, noapaļots līdz centam (pusi uz augšu); katru ierakstu cenojot ar tarifu, kas bija spēkā tā perioda sākuma dienā (Rīgas laikā).',
      'Administrēšana: katru mēneša izmaksu fondu sadala starp pašvaldībām ar spēkā esošu līgumu pēc fonda rādītāja (pēc noklusējuma aktīvo lietotāju skaits — mēneša pēdējā paziņotā vērtība). Katru daļu noapaļo uz leju līdz centam; atlikušos centus pa vienam piešķir lielākajām atlikuma daļām. Daļas kopā vienmēr ir tieši fonda summa.',
      'PVN = summa bez PVN × likme, noapaļots līdz centam; kopā = summa bez PVN + PVN.',
    ],
  },
  invoice: {
    title: (credit) => (credit ? 'Kredītrēķins' : 'Rēķins'),
    numbered: (title, number) => `${title} Nr. ${number}`,
    date: 'Datums',
    due: 'Apmaksāt līdz',
    period: 'Periods',
    corrects: (number, date) => `Labo rēķinu Nr. ${number} (${date}).`,
    seller: 'Piegādātājs',
    buyer: 'Saņēmējs',
    registration: 'Reģ. Nr.',
    vatNumber: 'PVN Nr.',
    buyerReference: 'Pircēja atsauce',
    columns: ['Nr.', 'Apraksts', 'Daudzums', 'Mērv.', 'Cena', 'Summa'],
    net: 'Summa bez PVN',
    vat: (rate) => `PVN ${rate} %`,
    vatExempt: (reason) => `PVN 0 % (${reason})`,
    exempt: 'atbrīvots',
    totalCredited: 'Kopā kreditēts',
    totalPayable: 'Kopā apmaksai',
    payee: (name, account, number) => `Maksājuma saņēmējs: ${name}, ${account}. Maksājuma mērķī norādiet ${number}.`,
    electronic: 'Rēķins sagatavots elektroniski un derīgs bez paraksta. Strukturētais e-rēķins (Peppol BIS Billing 3.0) ir pievienots atsevišķi.',
  },
};

const en: PdfTexts = {
  page: (page, pages) => `Page ${page} of ${pages}`,
  statement: {
    title: (month) => `Cost statement for ${month}`,
    subject: (month) => `Cost statement ${month}`,
    prepared: (tenant, date) => `${tenant} · prepared ${date}`,
    hostingHeading: 'Hosting by usage',
    administrationHeading: 'Administration costs',
    hostingColumns: ['Item and explanation', 'Quantity', 'Price, EUR', 'Amount'],
    administrationColumns: ['Cost pool and share', 'Amount'],
    net: 'Net amount',
    vat: (rate) => `VAT ${rate}%`,
    total: 'Total',
    previousTotal: 'Total the month before',
    invoices: (numbers) => `Invoices: ${numbers}.`,
    notInvoiced: 'Not invoiced yet.',
    howHeading: 'How it was computed',
    rules: [
      'Hosting: for each (provider, resource, unit price) line Σ quantity × price, rounded half up to the cent; each record priced at the tariff in force on the first day of its period (Riga time).',
      'Administration: each monthly cost pool is split among the municipalities with an agreement in force by the pool’s driver (by default the number of active users — the last value reported in the month). Each share is rounded down to the cent; the remaining cents go one by one to the largest remainders. The shares always add up to exactly the pool.',
      'VAT = net amount × rate, rounded to the cent; total = net amount + VAT.',
    ],
  },
  invoice: {
    title: (credit) => (credit ? 'Credit note' : 'Invoice'),
    numbered: (title, number) => `${title} No. ${number}`,
    date: 'Date',
    due: 'Due',
    period: 'Period',
    corrects: (number, date) => `Corrects invoice No. ${number} (${date}).`,
    seller: 'Seller',
    buyer: 'Buyer',
    registration: 'Reg. No.',
    vatNumber: 'VAT No.',
    buyerReference: 'Buyer reference',
    columns: ['No.', 'Description', 'Quantity', 'Unit', 'Price', 'Amount'],
    net: 'Net amount',
    vat: (rate) => `VAT ${rate}%`,
    vatExempt: (reason) => `VAT 0% (${reason})`,
    exempt: 'exempt',
    totalCredited: 'Total credited',
    totalPayable: 'Total payable',
    payee: (name, account, number) => `Payee: ${name}, ${account}. Please quote ${number} as the payment reference.`,
    electronic: 'This invoice was prepared electronically and is valid without a signature. The structured e-invoice (Peppol BIS Billing 3.0) is attached separately.',
  },
};

export const PDF_TEXTS: Record<Language, PdfTexts> = { lv, en };
