import { Alert, Anchor, Button, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { forgetCabinet, onCabinetSignedOut, useCabinetLogout } from '../api/cabinet';
import { errorMessage, PageLoader } from '../components/query-state';
import { PublicShell } from './public-shell';

export const CABINET_HOME = '/cabinet';
export const CABINET_LOGIN = '/cabinet/login';

/**
 * The member's cabinet: its own simple frame (not the staff's menu), «Выйти» on top, the way
 * back home on the inner pages. A 401 from any request of the cabinet leads to the sign-in.
 */
export function CabinetLayout() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { pathname } = useLocation();
  const logout = useCabinetLogout();
  const atHome = pathname.replace(/\/+$/, '') === CABINET_HOME;

  useEffect(() => onCabinetSignedOut(() => navigate(CABINET_LOGIN, { replace: true })), [navigate]);

  const signOut = () =>
    logout.mutate(undefined, {
      onSuccess: () => {
        navigate(CABINET_LOGIN, { replace: true });
        forgetCabinet(queryClient);
      },
    });

  return (
    <PublicShell
      home={CABINET_HOME}
      aside={
        <Button variant="white" size="sm" onClick={signOut} loading={logout.isPending}>
          Выйти
        </Button>
      }
    >
      <Stack gap="md">
        {logout.isError && (
          <Alert color="red" role="alert" title="Не удалось выйти">
            {errorMessage(logout.error)}
          </Alert>
        )}
        {!atHome && (
          <Anchor component={Link} to={CABINET_HOME} fw={500}>
            ← На главную кабинета
          </Anchor>
        )}
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </Stack>
    </PublicShell>
  );
}
