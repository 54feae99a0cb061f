import type { StaffAction } from '@profreestr/contracts';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { me, renderApp, type SentRequest, stubServer } from '../test/app';
import { ADMIN, EDITOR, emptyPage, VIEWER } from '../test/fixtures';

const REFUSAL = 'Журнал аудита доступен только администраторам.';

function openJournal(permissions: readonly StaffAction[]): SentRequest[] {
  const sent = stubServer({ 'GET /auth/me': me(permissions), 'GET /audit': emptyPage });
  renderApp('/audit');
  return sent;
}

describe('the audit journal', () => {
  it('opens for a caller with audit:read', async () => {
    openJournal(ADMIN);
    expect(await screen.findByText('Записей пока нет.')).toBeTruthy();
    expect(screen.queryByText(REFUSAL)).toBeNull();
  });

  it('an editor (no audit:read) is told the journal is not theirs and nothing is asked', async () => {
    const sent = openJournal(EDITOR);
    expect(await screen.findByText(REFUSAL)).toBeTruthy();
    expect(sent.some((request) => request.path === '/audit')).toBe(false);
  });

  it('follows audit:read, not the role: a «viewer» allowed to read it reads it', async () => {
    openJournal([...VIEWER, 'audit:read']);
    expect(await screen.findByText('Записей пока нет.')).toBeTruthy();
  });
});
