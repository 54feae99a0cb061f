import { useSearchParams } from 'react-router';

const UNDER_PARAM = 'under';

/** The `?under=` subtree of a list page, and a way to drop it (the chip's close button). */
export function useUnderParam() {
  const [searchParams, setSearchParams] = useSearchParams();
  const dropUnder = () =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete(UNDER_PARAM);
        return next;
      },
      { replace: true },
    );
  return { under: searchParams.get(UNDER_PARAM) ?? undefined, dropUnder };
}
