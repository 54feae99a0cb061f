import { useMediaQuery } from '@mantine/hooks';

/** From Mantine's `sm` breakpoint (48em) up: tables instead of cards, dialogs instead of sheets. */
export const useWideScreen = (): boolean =>
  useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
