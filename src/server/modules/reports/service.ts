// The reports module's public face: routes import from here only. Each file is one report; nothing is stored.
export { agreementReportPdf } from './agreement-report.ts';
export { annualReportXlsx } from './annual-report.ts';
export { institutionReportPdf } from './institution-report.ts';
export { activitiesXlsx, institutionsXlsx, peopleXlsx } from './lists.ts';
export { signingDocx, signingPdf } from './signing.ts';
