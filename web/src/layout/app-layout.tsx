import {
  AppShell,
  Badge,
  Burger,
  Button,
  Group,
  NavLink,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { roleLabels, type StaffAction } from '@profreestr/contracts';
import { Link, Outlet, useLocation } from 'react-router';
import { useApplicationCount } from '../api/applications';
import { useAuth, useCan } from '../auth/use-auth';
import { dashboardUrl } from '../completeness/indicators';
import { UnsavedChangesProvider } from '../components/unsaved-changes';

const SECURITY_PATH = '/account/security';

interface NavItem {
  to: string;
  label: string;
  /** Shown only to a user allowed any of these actions (as `/auth/me` says); always if none. */
  needs?: StaffAction[];
  /** A count beside the label (what waits for the user there); none when 0. */
  count?: { value: number; label: string };
}

/** Главная and Заполненность first: what a chairman opens the app for. */
const navItems = (orgId: string | undefined, applicationsWaiting: number): NavItem[] => [
  { to: '/', label: 'Главная' },
  ...(orgId ? [{ to: dashboardUrl(orgId), label: 'Заполненность' }] : []),
  { to: '/orgs', label: 'Организации' },
  { to: '/members', label: 'Члены Профсоюза' },
  // Applications to join from the site; the count is of those waiting for a decision.
  {
    to: '/applications',
    label: 'Заявления',
    needs: ['application:read'],
    count: { value: applicationsWaiting, label: 'ждут решения' },
  },
  // Statistical reports: the chairman's own to fill in, the subtree's to collect.
  { to: '/reports', label: 'Отчёты', needs: ['report:read'] },
  // Campaigns: their progress, who has not reported, the consolidated figures (for reviewers).
  { to: '/report-campaigns', label: 'Отчётные кампании', needs: ['report:review'] },
  // The e-card: delivered plastic cards to hand over; orders for the producer.
  { to: '/cards/to-issue', label: 'Карты к выдаче', needs: ['card:read'] },
  { to: '/card-batches', label: 'Заказ карт', needs: ['card-batch:manage'] },
  // The PROFCARDS bonus programme: its figures by month; its partners and their keys.
  { to: '/bonus', label: 'PROFCARDS', needs: ['bonus:read'] },
  { to: '/partners', label: 'Партнёры PROFCARDS', needs: ['partner:manage'] },
  // Additional social support: the catalogue of benefits; members' requests for aid and the
  // totals granted (a chairman sees his members', the offering org decides).
  { to: '/benefits', label: 'Льготы', needs: ['benefit:read'] },
  { to: '/aid-requests', label: 'Обращения за помощью', needs: ['aid:read'] },
  // Surveys and tests of the subtree (building, results); those the user's org's chairman is
  // asked to answer (every staff user: the server knows whose org is invited).
  { to: '/surveys', label: 'Опросы и тесты', needs: ['survey:read'] },
  { to: '/surveys/assigned', label: 'Опросы для председателя' },
  // The page is for resolving duplicates: merging cards or marking them «Не дубль».
  { to: '/members/duplicates', label: 'Возможные дубли', needs: ['member:merge'] },
  { to: '/imports', label: 'Импорт', needs: ['member:create', 'org:create'] },
  // Letters to the members and chairmen of the subtree.
  { to: '/mailings', label: 'Рассылки', needs: ['mailing:read'] },
  // Admins list and manage users; editors come here to add a colleague.
  { to: '/users', label: 'Пользователи', needs: ['user:read', 'user:create'] },
  { to: '/audit', label: 'Журнал аудита', needs: ['audit:read'] },
  // The outbox: what went out, what waits for the mail server, what did not arrive.
  { to: '/mail', label: 'Почта', needs: ['mail:read'] },
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
  const can = useCan();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const waiting = useApplicationCount(can('application:read')).data?.submitted ?? 0;
  const items = navItems(user?.orgId, waiting).filter(
    (item) => !item.needs || item.needs.some(can),
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

        {/* The menu outgrew a phone's height: it scrolls on its own, under a fixed header. */}
        <AppShell.Navbar
          id="app-navbar"
          p="xs"
          aria-label="Основное меню"
          style={{ overflowY: 'auto' }}
        >
          {items.map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={item.label}
              rightSection={item.count && <NavCount {...item.count} />}
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

/** A nav item's count: the number on a badge, said in words to screen readers. */
function NavCount({ value, label }: { value: number; label: string }) {
  if (value <= 0) return null;
  return (
    <>
      <Badge size="sm" variant="filled" circle={value < 10} aria-hidden>
        {value > 99 ? '99+' : value}
      </Badge>
      <VisuallyHidden>
        , {label}: {value}
      </VisuallyHidden>
    </>
  );
}
