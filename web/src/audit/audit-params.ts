import { type AuditResult, auditResults } from '@profreestr/contracts';
import type { AuditParams } from '../api/audit';
import { isOrgId } from '../api/orgs';
import { useUrlFilters } from '../components/use-url-filters';
import { knownActionFilters } from './audit-format';

export const AUDIT_FILTER_KEYS = [
  'under',
  'actor',
  'action',
  'targetType',
  'targetId',
  'result',
  'from',
  'to',
] as const;
export type AuditFilterKey = (typeof AUDIT_FILTER_KEYS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filters as the URL holds them; a hand-edited value the API would refuse is dropped. */
export function readAuditParams(params: URLSearchParams): AuditParams {
  const text = (key: AuditFilterKey) => params.get(key)?.trim() || undefined;
  const date = (key: AuditFilterKey) => {
    const value = params.get(key) ?? '';
    return DATE.test(value) ? value : undefined;
  };
  const result = params.get('result');
  const under = params.get('under') ?? undefined;
  // Only what the select offers: a hand-typed code would filter with no choice showing it.
  const action = text('action');
  return {
    under: isOrgId(under) ? under : undefined,
    actor: text('actor'),
    action: action && knownActionFilters.has(action) ? action : undefined,
    targetType: text('targetType'),
    targetId: text('targetId'),
    result: (auditResults as readonly string[]).includes(result ?? '')
      ? (result as AuditResult)
      : undefined,
    from: date('from'),
    to: date('to'),
  };
}

/** The filters in the URL (back and reload keep them) and their setter. */
export const useAuditParams = () =>
  useUrlFilters<AuditFilterKey, ReturnType<typeof readAuditParams>>(readAuditParams);
