import { useEffect, useRef } from 'react';

/** On a phone a tab row scrolls sideways: keeps the open tab (e.g. after a reload) in sight. */
export function useTabInView(active: string) {
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const list = listRef.current;
    const tab = list?.querySelector<HTMLElement>(`[aria-selected="true"]`);
    if (!list || !tab || !active) return;
    const outer = list.getBoundingClientRect();
    const inner = tab.getBoundingClientRect();
    if (inner.left < outer.left) list.scrollLeft -= outer.left - inner.left + 16;
    else if (inner.right > outer.right) list.scrollLeft += inner.right - outer.right + 16;
  }, [active]);
  return listRef;
}
