import type { ReportFormInput } from '@profreestr/contracts';
import { form2sp } from './2sp.js';
import { form5sp } from './5sp.js';

/** The forms the system starts with (version 1 each); later versions are the staff's. */
export const builtInForms: ReportFormInput[] = [form5sp, form2sp];

export { form2sp, form5sp };
