import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';

/**
 * A text filter: typed locally, written to the URL once the typing pauses; a change of the URL
 * from elsewhere («Сбросить фильтры», back) shows in the input.
 */
export function useDebouncedText(url: string, commit: (value: string) => void) {
  const [value, setValue] = useState(url);
  const [debounced] = useDebouncedValue(value.trim(), 400);
  const last = useRef(url);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only new text writes the URL
  useEffect(() => {
    if (debounced === last.current) return;
    last.current = debounced;
    commit(debounced);
  }, [debounced]);
  useEffect(() => {
    if (url === last.current) return;
    last.current = url;
    setValue(url);
  }, [url]);
  return [value, setValue] as const;
}
