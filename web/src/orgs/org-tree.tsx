import { ActionIcon, Anchor, Badge, Button, Group, Loader, Text } from '@mantine/core';
import { type Org, orgLevelLabels, orgStatusLabels } from '@profreestr/contracts';
import {
  type CSSProperties,
  createContext,
  type FocusEvent,
  type KeyboardEvent,
  useContext,
  useId,
  useRef,
  useState,
} from 'react';
import { Link } from 'react-router';
import { useOrgChildren } from '../api/orgs';
import { errorMessage } from '../components/query-state';
import { formatCount } from '../format';
import classes from './org-tree.module.css';

// Roving tabindex: exactly one treeitem is reachable with Tab; arrows move between them.
const ActiveItem = createContext<{ activeId: string | null; setActiveId: (id: string) => void }>({
  activeId: null,
  setActiveId: () => {},
});

const levelStyle = (level: number) => ({ '--tree-level': level }) as CSSProperties;

interface OrgTreeProps {
  /** The org the tree starts from. */
  root: Org;
  /** Show `root` itself as the first (expanded) treeitem; otherwise list only its children. */
  includeRoot?: boolean;
}

/** Lazily loaded org tree (WAI-ARIA tree pattern), reused by the org list and org pages. */
export function OrgTree({ root, includeRoot = false }: OrgTreeProps) {
  const [activeId, setActiveId] = useState<string | null>(null);
  const treeRef = useRef<HTMLDivElement>(null);

  const onFocus = (event: FocusEvent) => {
    const item = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    if (item?.dataset.id) setActiveId(item.dataset.id);
  };

  return (
    <ActiveItem.Provider value={{ activeId, setActiveId }}>
      <div
        ref={treeRef}
        role="tree"
        aria-label="Дерево организаций"
        onFocus={onFocus}
        onKeyDown={(event) => treeKeyDown(event, treeRef.current)}
      >
        {includeRoot ? (
          <OrgTreeItem org={root} level={1} position={1} setSize={1} defaultExpanded />
        ) : (
          <OrgTreeChildren parent={root} level={1} />
        )}
      </div>
    </ActiveItem.Provider>
  );
}

interface OrgTreeItemProps {
  org: Org;
  level: number;
  position: number;
  setSize: number;
  defaultExpanded?: boolean;
}

function OrgTreeItem({ org, level, position, setSize, defaultExpanded = false }: OrgTreeItemProps) {
  const { activeId, setActiveId } = useContext(ActiveItem);
  const [expanded, setExpanded] = useState(defaultExpanded);
  const itemRef = useRef<HTMLDivElement>(null);
  const nameId = useId();
  const expandable = org.childCount > 0;
  const tabbable = activeId === null ? level === 1 && position === 1 : activeId === org.id;

  const toggle = () => {
    // Collapsing removes the descendants: keep the Tab stop inside the tree.
    if (expanded && itemRef.current?.querySelector('[role="group"] [tabindex="0"]')) {
      setActiveId(org.id);
    }
    setExpanded(!expanded);
  };

  return (
    <div
      ref={itemRef}
      role="treeitem"
      className={classes.item}
      data-id={org.id}
      tabIndex={tabbable ? 0 : -1}
      aria-labelledby={nameId}
      aria-level={level}
      aria-posinset={position}
      aria-setsize={setSize}
      aria-expanded={expandable ? expanded : undefined}
    >
      <div className={classes.row} style={levelStyle(level)}>
        {expandable ? (
          <ActionIcon
            className={classes.toggle}
            data-tree-toggle
            variant="subtle"
            color="gray"
            size={40}
            tabIndex={-1}
            aria-label={`${expanded ? 'Свернуть' : 'Развернуть'}: ${org.name}`}
            onClick={toggle}
          >
            <svg className={classes.chevron} width="18" height="18" viewBox="0 0 24 24" aria-hidden>
              <path d="M9 6l6 6-6 6" fill="none" stroke="currentColor" strokeWidth="2.5" />
            </svg>
          </ActionIcon>
        ) : (
          <span className={classes.spacer} />
        )}
        <div className={classes.body}>
          <Anchor
            id={nameId}
            component={Link}
            to={`/orgs/${org.id}`}
            className={classes.name}
            data-tree-link
            tabIndex={-1}
          >
            {org.name}
          </Anchor>
          <Group gap={6} mt={4}>
            <Badge size="sm" variant="light" tt="none" maw="100%">
              {orgLevelLabels[org.level]}
            </Badge>
            {org.status !== 'active' && (
              <Badge size="sm" variant="light" color="gray" tt="none">
                {orgStatusLabels[org.status]}
              </Badge>
            )}
            <Text size="xs" c="dimmed">
              Членов: {formatCount(org.memberCount)}
            </Text>
          </Group>
        </div>
      </div>
      {expandable && expanded && (
        // biome-ignore lint/a11y/useSemanticElements: the WAI-ARIA tree pattern nests role="group"
        <div role="group">
          <OrgTreeChildren parent={org} level={level + 1} />
        </div>
      )}
    </div>
  );
}

function OrgTreeChildren({ parent, level }: { parent: Org; level: number }) {
  const children = useOrgChildren(parent.id);
  const items = children.data?.pages.flatMap((page) => page.items) ?? [];
  const setSize = Math.max(parent.childCount, items.length);

  return (
    <>
      {items.map((org, index) => (
        <OrgTreeItem key={org.id} org={org} level={level} position={index + 1} setSize={setSize} />
      ))}
      {children.isPending && (
        <div className={classes.note} style={levelStyle(level)}>
          <Loader size="xs" aria-hidden />
          <Text size="sm" c="dimmed" role="status">
            Загрузка…
          </Text>
        </div>
      )}
      {children.isError && (
        <div className={classes.note} style={levelStyle(level)}>
          <Text size="sm" c="red" role="alert">
            {errorMessage(children.error)}
          </Text>
          <Button size="xs" variant="light" color="red" onClick={() => children.refetch()}>
            Повторить
          </Button>
        </div>
      )}
      {children.hasNextPage && !children.isError && (
        <div className={classes.note} style={levelStyle(level)}>
          <Button
            size="sm"
            variant="light"
            loading={children.isFetchingNextPage}
            onClick={() => children.fetchNextPage()}
          >
            Показать ещё
          </Button>
          <Text size="xs" c="dimmed">
            Показано {formatCount(items.length)} из {formatCount(setSize)}
          </Text>
        </div>
      )}
    </>
  );
}

/** Keyboard support of the WAI-ARIA tree pattern; works on the rendered (visible) items. */
function treeKeyDown(event: KeyboardEvent, tree: HTMLDivElement | null) {
  const origin = event.target as HTMLElement;
  const item = origin.closest<HTMLElement>('[role="treeitem"]');
  // Enter/Space on the toggle or the link inside a row keep their native behaviour.
  if (!tree || !item || (origin !== item && (event.key === 'Enter' || event.key === ' '))) return;
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
