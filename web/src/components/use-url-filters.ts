import { useSearchParams } from 'react-router';

/**
 * A page's filters kept in the URL (back and reload keep them): `read` turns the query into
 * filters; `set` changes some (an empty value removes it), `clear` removes them all.
 */
export function useUrlFilters<K extends string, F>(read: (params: URLSearchParams) => F) {
  const [params, setParams] = useSearchParams();
  const set = (changes: Partial<Record<K, string>>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes) as [K, string | undefined][]) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  const clear = () => setParams({}, { replace: true });
  return { filters: read(params), set, clear };
}
