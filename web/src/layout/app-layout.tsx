import { AppShell, Burger, Button, Group, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { roleLabels } from '@profreestr/contracts';
import { Link, Outlet, useLocation } from 'react-router';
import { useAuth } from '../auth/use-auth';
import { dashboardUrl } from '../completeness/indicators';
import { UnsavedChangesProvider } from '../components/unsaved-changes';

const SECURITY_PATH = '/account/security';

interface NavItem {
  to: string;
  label: string;
  /** Only for editors and admins. */
  editors?: boolean;
  /** Only for admins. */
  admins?: boolean;
}

/** Главная and Заполненность first: what a chairman opens the app for. */
const navItems = (orgId: string | undefined): NavItem[] => [
  { to: '/', label: 'Главная' },
  ...(orgId ? [{ to: dashboardUrl(orgId), label: 'Заполненность' }] : []),
  { to: '/orgs', label: 'Организации' },
  { to: '/members', label: 'Члены Профсоюза' },
  { to: '/members/duplicates', label: 'Возможные дубли', editors: true },
  { to: '/imports', label: 'Импорт', editors: true },
  { to: '/users', label: 'Пользователи', editors: true },
  { to: '/audit', label: 'Журнал аудита', admins: true },
  { to: SECURITY_PATH, label: 'Безопасность' },
];

/**
 * The second line under the user's name: the role, unless the name already says it (the first
 * administrator is named «Администратор»: «Администратор / Администратор» tells nothing).
 */
export function roleLine(fullName: string, role: keyof typeof roleLabels): string | null {
  const label = roleLabels[role];
  const name = fullName.trim().toLocaleLowerCase('ru-RU');
  return name === '' || name.includes(label.toLocaleLowerCase('ru-RU')) ? null : label;
}

/** The nav item of a path: the longest `to` that is the path or a prefix of it. */
const currentItem = (items: NavItem[], pathname: string) =>
  items
    .filter((item) => pathname === item.to || pathname.startsWith(`${item.to}/`))
    .sort((a, b) => b.to.length - a.to.length)[0];

export function AppLayout() {
  const { user, logout } = useAuth();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const items = navItems(user?.orgId).filter(
    (item) =>
      (!item.editors || (user && user.role !== 'viewer')) &&
      (!item.admins || user?.role === 'admin'),
  );
  const current = currentItem(items, pathname);

  return (
    <UnsavedChangesProvider>
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding={{ base: 'sm', sm: 'md' }}
      >
        <AppShell.Header>
          <Group h="100%" px={{ base: 'xs', sm: 'md' }} gap="xs" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Закрыть меню' : 'Открыть меню'}
              aria-expanded={opened}
              aria-controls="app-navbar"
            />
            <UnstyledButton
              component={Link}
              to="/"
              onClick={close}
              fw={700}
              fz={{ base: 'md', sm: 'lg' }}
            >
              Профреестр
            </UnstyledButton>
            {user && (
              // The user's own account: the password and the second factor.
              <UnstyledButton
                component={Link}
                to={SECURITY_PATH}
                onClick={close}
                title="Безопасность"
                ml="auto"
                miw={0}
                ta="right"
              >
                <Text size="sm" fw={500} truncate="end">
                  {user.fullName.trim() || roleLabels[user.role]}
                </Text>
                {roleLine(user.fullName, user.role) && (
                  <Text size="xs" c="dimmed" truncate="end">
                    {roleLine(user.fullName, user.role)}
                  </Text>
                )}
              </UnstyledButton>
            )}
            <Button
              variant="default"
              size="xs"
              ml={user ? undefined : 'auto'}
              style={{ flexShrink: 0 }}
              loading={logout.isPending}
              onClick={() => logout.mutate()}
            >
              Выйти
            </Button>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar id="app-navbar" p="xs" aria-label="Основное меню">
          {items.map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={item.label}
              active={item === current}
              aria-current={pathname === item.to ? 'page' : undefined}
              onClick={close}
              py="sm"
            />
          ))}
        </AppShell.Navbar>

        <AppShell.Main>
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </UnsavedChangesProvider>
  );
}
