import type { KeyboardEvent } from 'react';

/** The ids of the treeitems from the top of the tree down to `item` (inclusive). */
export function treePath(item: HTMLElement | null): string[] {
  const ids: string[] = [];
  let current = item?.closest<HTMLElement>('[role="treeitem"]') ?? null;
  while (current) {
    if (current.dataset.id) ids.unshift(current.dataset.id);
    current = current.parentElement?.closest<HTMLElement>('[role="treeitem"]') ?? null;
  }
  return ids;
}

const NAVIGATION_KEYS = new Set(['ArrowDown', 'ArrowUp']);

function isOffScreen(element: HTMLElement): boolean {
  const row = element.firstElementChild ?? element;
  const { top, bottom } = row.getBoundingClientRect();
  return bottom < 0 || top > window.innerHeight;
}

/** Keyboard support of the WAI-ARIA tree pattern; works on the rendered (visible) items. */
export function treeKeyDown(event: KeyboardEvent, tree: HTMLDivElement | null) {
  const origin = event.target as HTMLElement;
  const item = origin.closest<HTMLElement>('[role="treeitem"]');
  // Enter/Space on the toggle or the link inside a row keep their native behaviour.
  if (!tree || !item || (origin !== item && (event.key === 'Enter' || event.key === ' '))) return;
  if (NAVIGATION_KEYS.has(event.key) && isOffScreen(item)) {
    // A virtualised level renders only the rows near the viewport, plus the focused one even when
    // the page was scrolled away from it. The first arrow press brings that row back into view
    // (its neighbours render with it); the next ones move as usual.
    event.preventDefault();
    item.scrollIntoView({ block: 'center' });
    return;
  }
  const items = Array.from(tree.querySelectorAll<HTMLElement>('[role="treeitem"]'));
  const index = items.indexOf(item);
  const expanded = item.getAttribute('aria-expanded');
  const own = (selector: string) => item.querySelector<HTMLElement>(`:scope > div ${selector}`);
  let target: HTMLElement | null | undefined;

  switch (event.key) {
    case 'ArrowDown':
      target = items[index + 1];
      break;
    case 'ArrowUp':
      target = items[index - 1];
      break;
    case 'Home':
      target = items[0];
      break;
    case 'End':
      target = items.at(-1);
      break;
    case 'ArrowRight':
      if (expanded === 'false') own('[data-tree-toggle]')?.click();
      else if (expanded === 'true') target = item.querySelector<HTMLElement>('[role="treeitem"]');
      break;
    case 'ArrowLeft':
      if (expanded === 'true') own('[data-tree-toggle]')?.click();
      else target = item.parentElement?.closest<HTMLElement>('[role="treeitem"]');
      break;
    case 'Enter':
      own('[data-tree-link]')?.click();
      break;
    default:
      return;
  }
  event.preventDefault();
  target?.focus();
}
