import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useBlocker, useNavigate } from 'react-router';

// A form with changes nobody saved asks before it goes: its dialog closing (the cross, Escape,
// a tap outside, «Отмена»), a link or a tab taking the page elsewhere, and a reload or closing
// the tab (the browser's own question, `beforeunload`). Forms say whether they hold changes
// with `useUnsavedChanges`; the dialog around them (FormModal) and the page (AppLayout) ask.
// The browser's «Назад» (a history step) is held back by React Router's blocker and asks too.

export const LEAVE_QUESTION = 'Изменения не сохранены. Уйти без сохранения?';

/** A set of forms with unsaved changes: the page's, or one dialog's. */
interface DirtySet {
  set: (id: symbol, dirty: boolean) => void;
  any: () => boolean;
}

function useDirtySet(): DirtySet {
  const ids = useRef(new Set<symbol>());
  return useMemo(
    () => ({
      set: (id, dirty) => {
        if (dirty) ids.current.add(id);
        else ids.current.delete(id);
      },
      any: () => ids.current.size > 0,
    }),
    [],
  );
}

interface PageGuard extends DirtySet {
  /** Runs `leave` once the user agrees to drop the changes. */
  ask: (leave: () => void) => void;
  /** The question is on screen (dialogs under it ignore Escape meanwhile). */
  asking: boolean;
}

const PageGuardContext = createContext<PageGuard | null>(null);
const DialogGuardContext = createContext<DirtySet | null>(null);

/** Without the page's guard (outside the app's layout) the browser's confirm asks. */
const askNatively = (leave: () => void) => {
  if (window.confirm(LEAVE_QUESTION)) leave();
};

/** Same-origin navigation by a plain click on a link, to another address: what to guard. */
function guardedLinkTarget(event: MouseEvent): URL | null {
  if (event.defaultPrevented || event.button !== 0) return null;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const link = (event.target as Element | null)?.closest?.('a[href]');
  if (!(link instanceof HTMLAnchorElement)) return null;
  if (link.hasAttribute('download') || (link.target && link.target !== '_self')) return null;
  const url = new URL(link.href, window.location.href);
  if (url.origin !== window.location.origin) return null;
  const here = window.location;
  if (url.pathname === here.pathname && url.search === here.search) return null;
  return url;
}

/** The page's guard: the question itself, links, and the browser's reload or close. */
export function UnsavedChangesProvider({ children }: { children: ReactNode }) {
  const dirty = useDirtySet();
  const [pending, setPending] = useState<{ leave: () => void; stay?: () => void } | null>(null);
  const navigate = useNavigate();

  const ask = useCallback((leave: () => void) => setPending({ leave }), []);
  const guard = useMemo(() => ({ ...dirty, ask, asking: pending !== null }), [dirty, ask, pending]);
  // Links ask before they navigate (below); a step back or forward in history is held here.
  const blocker = useBlocker(({ historyAction }) => historyAction === 'POP' && dirty.any());
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    setPending({ leave: () => blocker.proceed(), stay: () => blocker.reset() });
  }, [blocker]);

  useEffect(() => {
    // Capture: before React Router's own click handler on <Link> navigates.
    const onClick = (event: MouseEvent) => {
      if (!dirty.any()) return;
      const url = guardedLinkTarget(event);
      if (!url) return;
      event.preventDefault();
      event.stopPropagation();
      ask(() => navigate(url.pathname + url.search + url.hash));
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirty.any()) return;
      event.preventDefault();
      // Older browsers show the question only with a returnValue set.
      event.returnValue = '';
    };
    document.addEventListener('click', onClick, true);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('click', onClick, true);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [dirty, ask, navigate]);

  const stay = () => {
    pending?.stay?.();
    setPending(null);
  };
  const leave = () => {
    const action = pending?.leave;
    setPending(null);
    action?.();
  };

  return (
    <PageGuardContext.Provider value={guard}>
      {children}
      <Modal
        opened={pending !== null}
        onClose={stay}
        title="Изменения не сохранены"
        centered
        size="sm"
        // Above the dialog whose form it is about.
        zIndex={400}
        // Two answers, both spelled out; Escape stays too.
        withCloseButton={false}
        styles={{ title: { fontWeight: 600 } }}
      >
        <Stack gap="md">
          <Text>{LEAVE_QUESTION}</Text>
          <Group>
            <Button color="red" onClick={leave}>
              Уйти без сохранения
            </Button>
            <Button variant="default" onClick={stay} data-autofocus>
              Остаться
            </Button>
          </Group>
        </Stack>
      </Modal>
    </PageGuardContext.Provider>
  );
}

/**
 * A dialog's guard (FormModal): whether a form inside holds changes, and the page's question
 * (or the browser's, outside the layout).
 */
export function useDialogGuard() {
  const dirty = useDirtySet();
  const page = useContext(PageGuardContext);
  const ask = page?.ask ?? askNatively;
  const guardedClose = useCallback(
    (close: () => void) => (dirty.any() ? ask(close) : close()),
    [dirty, ask],
  );
  return { dirty, guardedClose, asking: page?.asking ?? false };
}

export function DialogGuardProvider({ value, children }: { value: DirtySet; children: ReactNode }) {
  return <DialogGuardContext.Provider value={value}>{children}</DialogGuardContext.Provider>;
}

/**
 * Tells the page (and the dialog around, if any) whether this form holds unsaved changes.
 * Returns `leave(action)`: runs the action at once, or after the user agrees to drop them —
 * for the form's own «Отмена».
 */
export function useUnsavedChanges(dirty: boolean) {
  const page = useContext(PageGuardContext);
  const dialog = useContext(DialogGuardContext);
  const [id] = useState(() => Symbol('form'));

  useEffect(() => {
    page?.set(id, dirty);
    dialog?.set(id, dirty);
    return () => {
      page?.set(id, false);
      dialog?.set(id, false);
    };
  }, [page, dialog, id, dirty]);

  return useCallback(
    (action: () => void) => {
      if (!dirty) action();
      else (page?.ask ?? askNatively)(action);
    },
    [dirty, page],
  );
}

/** Whether the form is inside a dialog (the dialog then handles Escape). */
export const useInDialog = () => useContext(DialogGuardContext) !== null;

/** For a change of view that drops open forms (a tab): asks when any form of the page is changed. */
export function useLeaveGuard() {
  const page = useContext(PageGuardContext);
  return useCallback(
    (action: () => void) => {
      if (page?.any()) page.ask(action);
      else action();
    },
    [page],
  );
}
