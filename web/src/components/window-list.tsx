import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';

interface WindowListProps<T> {
  items: T[];
  getKey: (item: T) => string;
  /** The content of one `<li>`. */
  renderItem: (item: T) => ReactNode;
  /** The list's accessible name. */
  label: string;
  className?: string | undefined;
  /** Rows' expected height in px (measured once rendered). */
  estimate?: number;
  /** From this many items on only the rows near the viewport are rendered. */
  virtualFrom?: number;
}

/**
 * A `<ul>` that renders every row while short and, once long, only the rows near the viewport,
 * virtualised against the window scroll (the page scrolls as usual, no inner scroll box).
 * Spacer items keep the height, so the scrollbar and «Показать ещё» below stay where expected.
 */
export function WindowList<T>(props: WindowListProps<T>) {
  const { items, getKey, renderItem, label, className, estimate = 88, virtualFrom = 100 } = props;
  const virtual = items.length >= virtualFrom;
  const listRef = useRef<HTMLUListElement>(null);
  const [margin, setMargin] = useState(0);

  const virtualizer = useWindowVirtualizer({
    count: virtual ? items.length : 0,
    enabled: virtual,
    estimateSize: () => estimate,
    overscan: 10,
    scrollMargin: margin,
    getItemKey: (index) => {
      const item = items[index];
      return item === undefined ? index : getKey(item);
    },
    useFlushSync: false,
  });

  // Content above the list (filters, notices) moves it: re-read its offset after each render.
  useLayoutEffect(() => {
    const element = listRef.current;
    if (!virtual || !element) return;
    const top = Math.round(element.getBoundingClientRect().top + window.scrollY);
    if (top !== margin) setMargin(top);
  });

  if (!virtual) {
    return (
      <ul ref={listRef} className={className} aria-label={label}>
        {items.map((item) => (
          <li key={getKey(item)}>{renderItem(item)}</li>
        ))}
      </ul>
    );
  }

  const rows: ReactNode[] = [];
  let offset = margin;
  for (const row of virtualizer.getVirtualItems()) {
    const item = items[row.index];
    if (item === undefined) continue;
    if (row.start > offset)
      rows.push(<Spacer key={`gap-${row.index}`} height={row.start - offset} />);
    rows.push(
      <li
        key={row.key}
        data-index={row.index}
        ref={virtualizer.measureElement}
        aria-setsize={items.length}
        aria-posinset={row.index + 1}
      >
        {renderItem(item)}
      </li>,
    );
    offset = row.end;
  }
  const rest = virtualizer.getTotalSize() - (offset - margin);

  return (
    <ul ref={listRef} className={className} aria-label={label} style={{ overflowAnchor: 'none' }}>
      {rows}
      {rest > 0 && <Spacer height={rest} />}
    </ul>
  );
}

const Spacer = ({ height }: { height: number }) => (
  <li aria-hidden style={{ height, listStyle: 'none' }} />
);
