import type { SpreadsheetFormat } from '@profreestr/contracts';
import { downloadUrl } from './client';
import type { MemberListParams } from './members';

/** A file of the members a list shows: the same filters as `GET /members`. */
export const memberExportUrl = (params: MemberListParams, format: SpreadsheetFormat) =>
  downloadUrl('/members/export', { ...params, format });

/** A file of the orgs of a subtree. */
export const orgExportUrl = (under: string, format: SpreadsheetFormat) =>
  downloadUrl('/orgs/export', { under, format });
