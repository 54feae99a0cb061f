import type { CellType, CellValue, Report, ReportValues } from '@profreestr/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../api/client';
import { reportKey, saveReportValues } from '../api/reports';
import { errorMessage } from '../components/query-state';

// A draft saves itself: ~800 ms after the typing pauses, the cells changed since the last save
// go in one PATCH. What was typed stays on screen until the server's answer says the same, so a
// save never overwrites what is typed meanwhile; a failed save keeps its cells for the next one.

export const AUTOSAVE_DELAY_MS = 800;

/** What an input holds: a NumberInput's number or half-typed string, or a text cell's text. */
export type RawValue = number | string;

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'waiting' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'failed'; message: string };

/**
 * The value to send for what an input holds: null when empty, the number of a numeric cell,
 * the text of a text one; undefined while a number is half-typed («-», «1,»): not sent yet.
 */
export function toCellValue(raw: RawValue, type: CellType | undefined): CellValue | undefined {
  if (type === 'text') return typeof raw === 'string' && raw.trim() === '' ? null : String(raw);
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  const text = raw.replace(/\s/g, '').replace(',', '.');
  if (text === '') return null;
  const number = Number(text);
  return /^-?\d+(\.\d+)?$/.test(text) && Number.isFinite(number) ? number : undefined;
}

/** The cell a detail of a 422 names: `values.members_total` → `members_total`. */
const cellOf = (field: string) => (field.startsWith('values.') ? field.slice(7) : null);

export function useAutosave(report: Report, types: ReadonlyMap<string, CellType>) {
  const queryClient = useQueryClient();
  const id = report.id;
  const [local, setLocal] = useState<Record<string, RawValue>>({});
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [cellErrors, setCellErrors] = useState<Record<string, string>>({});
  const [tick, setTick] = useState(0);
  const localRef = useRef(local);
  const pending = useRef(new Set<string>());
  /** Cells the server refused: nothing is saved until they change. */
  const refused = useRef(new Set<string>());
  const inFlight = useRef<Promise<boolean> | null>(null);
  const typesRef = useRef(types);
  typesRef.current = types;

  const putLocal = useCallback((next: Record<string, RawValue>) => {
    localRef.current = next;
    setLocal(next);
  }, []);

  /** Sends the changed cells now (after a save under way); false when something was not saved. */
  const flush = useCallback(async (): Promise<boolean> => {
    while (inFlight.current) await inFlight.current;
    if (pending.current.size === 0) return refused.current.size === 0;
    const sent: Record<string, RawValue> = {};
    const values: ReportValues = {};
    for (const code of pending.current) {
      const raw = localRef.current[code];
      if (raw === undefined) continue;
      const value = toCellValue(raw, typesRef.current.get(code));
      if (value === undefined) continue;
      sent[code] = raw;
      values[code] = value;
    }
    pending.current.clear();
    if (Object.keys(values).length === 0) {
      setState({ kind: 'idle' });
      return true;
    }
    setState({ kind: 'saving' });
    const save = saveReportValues(queryClient, id, values).then(
      () => {
        // The server's values show again where nothing was typed since.
        const next = { ...localRef.current };
        for (const [code, raw] of Object.entries(sent)) {
          if (next[code] === raw && !pending.current.has(code)) delete next[code];
        }
        putLocal(next);
        setState(pending.current.size > 0 ? { kind: 'waiting' } : { kind: 'saved' });
        return refused.current.size === 0;
      },
      (error: unknown) => {
        const named: Record<string, string> = {};
        if (isApiError(error, 422)) {
          for (const detail of error.details) {
            const code = cellOf(detail.field);
            if (code && code in sent && !named[code]) named[code] = detail.message;
          }
        }
        // Cells the server did not fault go again with the next save (or «Повторить»).
        for (const code of Object.keys(sent)) if (!named[code]) pending.current.add(code);
        for (const code of Object.keys(named)) refused.current.add(code);
        setCellErrors((current) => ({ ...current, ...named }));
        if (isApiError(error, 409)) void queryClient.invalidateQueries({ queryKey: reportKey(id) });
        setState({
          kind: 'failed',
          message:
            Object.keys(named).length > 0 ? 'Проверьте выделенные ячейки.' : errorMessage(error),
        });
        return false;
      },
    );
    inFlight.current = save;
    try {
      return await save;
    } finally {
      inFlight.current = null;
    }
  }, [queryClient, id, putLocal]);

  /** A cell typed into: saved once the typing pauses. */
  const change = useCallback(
    (code: string, raw: RawValue) => {
      putLocal({ ...localRef.current, [code]: raw });
      pending.current.add(code);
      setCellErrors((current) => {
        if (!(code in current)) return current;
        const { [code]: _dropped, ...rest } = current;
        return rest;
      });
      setState({ kind: 'waiting' });
      setTick((n) => n + 1);
    },
    [putLocal],
  );

  useEffect(() => {
    if (tick === 0) return;
    const timer = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [tick, flush]);

  // Leaving the page sends what waits; closing the tab meanwhile asks first.
  const flushRef = useRef(flush);
  flushRef.current = flush;
  useEffect(
    () => () => {
      if (pending.current.size > 0) void flushRef.current();
    },
    [],
  );
  const unsaved = state.kind === 'waiting' || state.kind === 'saving';
  useEffect(() => {
    if (!unsaved) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsaved]);

  /** What a cell shows: what was typed and not yet saved, else the report's value. */
  const cellValue = (code: string): RawValue | CellValue | undefined =>
    code in local ? local[code] : report.values[code];

  return { cellValue, change, flush, state, cellErrors };
}
