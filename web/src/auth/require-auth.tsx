import { Container } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { PageLoader, QueryError } from '../components/query-state';
import { useAuth } from './use-auth';

/** Renders children only with a session; otherwise sends the user to /login and back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, user } = useAuth();
  const location = useLocation();

  if (me.isPending) return <PageLoader label="Проверяем вход…" />;
  if (me.isError && !user) {
    return (
      <Container size="sm" py="xl">
        <QueryError error={me.error} onRetry={() => me.refetch()} />
      </Container>
    );
  }
  if (!user) return <Navigate to="/login" replace state={{ from: location }} />;
  return children;
}
