import type { CabinetBonuses, OwnCards } from '@profreestr/contracts';
import { useQuery } from '@tanstack/react-query';
import { CABINET_KEY, cabinetApi } from './cabinet';

// The member's PROFCARDS in the cabinet: cashback waiting and confirmed with the purchases, and
// the carriers of their card number (plastic, virtual).

/** `GET /cabinet/bonuses`: kopecks; `confirmed` is net of reversals. */
export const useCabinetBonuses = () =>
  useQuery({
    queryKey: [...CABINET_KEY, 'bonuses'],
    queryFn: ({ signal }) => cabinetApi<CabinetBonuses>('/bonuses', { signal }),
  });

/** `GET /cabinet/cards`: the member's carriers of their number (plastic, virtual). */
export const useCabinetOwnCards = () =>
  useQuery({
    queryKey: [...CABINET_KEY, 'cards'],
    queryFn: ({ signal }) => cabinetApi<OwnCards>('/cards', { signal }),
  });
