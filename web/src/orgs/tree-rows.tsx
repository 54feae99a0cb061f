import type { Org } from '@profreestr/contracts';
import { defaultRangeExtractor, useWindowVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';

/** Above this many loaded siblings only the rows near the viewport are rendered. */
export const VIRTUAL_FROM = 100;
// A collapsed one-line row is 56 px; names that wrap on a phone make it taller.
const ROW_ESTIMATE = 64;

type MeasureRef = (element: HTMLElement | null) => void;

interface ChildRowsProps {
  items: Org[];
  /** Ids that must stay rendered: the focusable treeitem and its ancestors. */
  keep: readonly string[];
  renderItem: (org: Org, index: number, measureRef?: MeasureRef) => ReactNode;
}

/**
 * One level's treeitems. Long levels are virtualised against the window scroll; spacers keep
 * the height, so nested levels stay in normal flow and the ARIA tree keeps its structure
 * (posinset/setsize still describe the whole level).
 */
export function ChildRows({ items, keep, renderItem }: ChildRowsProps) {
  const virtual = items.length > VIRTUAL_FROM;
  const startRef = useRef<HTMLDivElement>(null);
  const [margin, setMargin] = useState(0);

  const virtualizer = useWindowVirtualizer({
    count: virtual ? items.length : 0,
    enabled: virtual,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 8,
    scrollMargin: margin,
    getItemKey: (index) => items[index]?.id ?? index,
    // The focusable row (or the ancestor holding it) stays rendered, so Tab still reaches the tree.
    rangeExtractor: (range) => {
      const indexes = new Set(defaultRangeExtractor(range));
      items.forEach((org, index) => {
        if (keep.includes(org.id)) indexes.add(index);
      });
      return [...indexes].sort((a, b) => a - b);
    },
    useFlushSync: false,
  });

  // The list's offset in the page moves when rows above it expand or load; re-read it each render
  // (the virtualizer re-renders on scroll, so it is never stale for long).
  useLayoutEffect(() => {
    const element = startRef.current;
    if (!virtual || !element) return;
    const top = Math.round(element.getBoundingClientRect().top + window.scrollY);
    if (top !== margin) setMargin(top);
  });

  // The same element shapes in both modes, so crossing the threshold keeps the rows mounted.
  const start = <div ref={startRef} aria-hidden />;
  if (!virtual) {
    return (
      <>
        {start}
        {items.map((org, index) => renderItem(org, index))}
      </>
    );
  }

  const rows: ReactNode[] = [];
  let offset = margin;
  for (const row of virtualizer.getVirtualItems()) {
    const org = items[row.index];
    if (!org) continue;
    if (row.start > offset)
      rows.push(<Spacer key={`gap-${row.index}`} height={row.start - offset} />);
    rows.push(renderItem(org, row.index, virtualizer.measureElement));
    offset = row.end;
  }
  const rest = virtualizer.getTotalSize() - (offset - margin);

  return (
    <>
      {start}
      {rows}
      {rest > 0 && <Spacer height={rest} />}
    </>
  );
}

const Spacer = ({ height }: { height: number }) => <div aria-hidden style={{ height }} />;
