import { ActionIcon, Anchor, Badge, Button, Group, Loader, Text } from '@mantine/core';
import { type Org, orgLevelLabels, orgStatusLabels } from '@profreestr/contracts';
import {
  type CSSProperties,
  createContext,
  type FocusEvent,
  useCallback,
  useContext,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { Link } from 'react-router';
import { useOrgChildren } from '../api/orgs';
import { errorMessage } from '../components/query-state';
import { formatCount } from '../format';
import classes from './org-tree.module.css';
import { treeKeyDown, treePath } from './tree-keyboard';
import { ChildRows } from './tree-rows';

interface TreeState {
  /** Roving tabindex: the focusable treeitem and its ancestors, top first. */
  activePath: string[];
  setActive: (item: HTMLElement | null) => void;
  /** Expansion lives here, not in the items: virtualised rows unmount when scrolled away. */
  expanded: ReadonlySet<string>;
  toggle: (id: string) => void;
}

const TreeContext = createContext<TreeState>({
  activePath: [],
  setActive: () => {},
  expanded: new Set(),
  toggle: () => {},
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
  const [activePath, setActivePath] = useState<string[]>([]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(
    () => new Set(includeRoot ? [root.id] : []),
  );
  const treeRef = useRef<HTMLDivElement>(null);

  const setActive = useCallback((item: HTMLElement | null) => {
    const path = treePath(item);
    setActivePath((current) => (current.join() === path.join() ? current : path));
  }, []);
  const toggle = useCallback((id: string) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const state = useMemo(
    () => ({ activePath, setActive, expanded, toggle }),
    [activePath, setActive, expanded, toggle],
  );

  const onFocus = (event: FocusEvent) => setActive(event.target as HTMLElement);

  return (
    <TreeContext.Provider value={state}>
      <div
        ref={treeRef}
        className={classes.tree}
        role="tree"
        aria-label="Дерево организаций"
        onFocus={onFocus}
        onKeyDown={(event) => treeKeyDown(event, treeRef.current)}
      >
        {includeRoot ? (
          <OrgTreeItem org={root} level={1} position={1} setSize={1} />
        ) : (
          <OrgTreeChildren parent={root} level={1} />
        )}
      </div>
    </TreeContext.Provider>
  );
}

interface OrgTreeItemProps {
  org: Org;
  level: number;
  position: number;
  setSize: number;
  /** For virtualised rows: the virtualizer measures the item, subtree included. */
  measureRef?: ((element: HTMLElement | null) => void) | undefined;
}

function OrgTreeItem({ org, level, position, setSize, measureRef }: OrgTreeItemProps) {
  const { activePath, setActive, expanded: expandedIds, toggle } = useContext(TreeContext);
  const itemRef = useRef<HTMLDivElement | null>(null);
  const nameId = useId();
  const expandable = org.childCount > 0;
  const expanded = expandedIds.has(org.id);
  const activeId = activePath.at(-1);
  const tabbable = activeId === undefined ? level === 1 && position === 1 : activeId === org.id;

  const setRef = useCallback(
    (element: HTMLDivElement | null) => {
      itemRef.current = element;
      measureRef?.(element);
    },
    [measureRef],
  );

  const onToggle = () => {
    // Collapsing removes the descendants: keep the Tab stop inside the tree.
    if (expanded && activePath.includes(org.id) && activeId !== org.id) {
      setActive(itemRef.current);
    }
    toggle(org.id);
  };

  return (
    <div
      ref={setRef}
      role="treeitem"
      className={classes.item}
      data-id={org.id}
      data-index={position - 1}
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
            onClick={onToggle}
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
  const { activePath } = useContext(TreeContext);
  const children = useOrgChildren(parent.id);
  const items = useMemo(
    () => children.data?.pages.flatMap((page) => page.items) ?? [],
    [children.data],
  );
  const setSize = Math.max(parent.childCount, items.length);

  return (
    <>
      <ChildRows
        items={items}
        keep={activePath}
        renderItem={(org, index, measureRef) => (
          <OrgTreeItem
            key={org.id}
            org={org}
            level={level}
            position={index + 1}
            setSize={setSize}
            measureRef={measureRef}
          />
        )}
      />
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
