import { Alert, Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { PublicOrg } from '@profreestr/contracts';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { PublicShell } from '../cabinet/public-shell';
import { ConfirmStep } from '../join/confirm-step';
import { keepApplication, keptApplication } from '../join/join-draft';
import { JoinForm, type SubmittedApplication } from '../join/join-form';
import { OrgSearch } from '../join/org-search';
import { StatusForm } from '../join/status-form';

type Step =
  | { kind: 'org' }
  | { kind: 'form'; org: PublicOrg }
  | { kind: 'code'; application: SubmittedApplication }
  | { kind: 'done'; application: SubmittedApplication };

const stepTitles: Record<Step['kind'], string> = {
  org: 'Шаг 1 из 3. Найдите свою организацию',
  form: 'Шаг 2 из 3. Заполните заявление',
  code: 'Шаг 3 из 3. Введите код из письма',
  done: 'Заявление отправлено',
};

/** A reload of the tab comes back to the code step (or the end) of the application sent. */
function initialStep(): Step {
  const kept = keptApplication();
  if (!kept) return { kind: 'org' };
  const { confirmed: _confirmed, ...application } = kept;
  return kept.confirmed ? { kind: 'done', application } : { kind: 'code', application };
}

/**
 * `/join`, «Вступить в Профсоюз», for anyone, with no sign-in: find the primary organization
 * of one's school, fill in the application, confirm the e-mail with the code from the letter.
 */
export function JoinPage() {
  useDocumentTitle('Вступить в Профсоюз — Профреестр');
  const [step, setStep] = useState<Step>(initialStep);
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = useRef(step.kind);

  // A new step starts at its heading: a phone shows the top, a screen reader reads it.
  useEffect(() => {
    if (shown.current === step.kind) return;
    shown.current = step.kind;
    heading.current?.focus();
  }, [step.kind]);

  const restart = () => {
    keepApplication(null);
    setStep({ kind: 'org' });
  };

  return (
    <PublicShell>
      <Stack gap="lg">
        <Stack gap="xs">
          <Title order={1} size="h2">
            Вступить в Профсоюз
          </Title>
          {step.kind === 'org' && (
            <Text>
              Заявление о вступлении в Общероссийский Профсоюз образования. Его получит председатель
              профсоюзной организации вашей школы, детского сада, колледжа или вуза, а решение
              придёт вам на электронную почту. Заполнение займёт около пяти минут.
            </Text>
          )}
        </Stack>

        <Title order={2} size="h3" ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
          {stepTitles[step.kind]}
        </Title>

        {step.kind === 'org' && <OrgSearch onPick={(org) => setStep({ kind: 'form', org })} />}
        {step.kind === 'form' && (
          <JoinForm
            org={step.org}
            onChangeOrg={() => setStep({ kind: 'org' })}
            onSubmitted={(application) => {
              keepApplication({ ...application, confirmed: false });
              setStep({ kind: 'code', application });
            }}
          />
        )}
        {step.kind === 'code' && (
          <ConfirmStep
            application={step.application}
            onRestart={restart}
            onConfirmed={() => {
              keepApplication({ ...step.application, confirmed: true });
              setStep({ kind: 'done', application: step.application });
            }}
          />
        )}
        {step.kind === 'done' && <Done application={step.application} onRestart={restart} />}

        {(step.kind === 'org' || step.kind === 'done') && (
          <Paper withBorder radius="md" p="md" component="section" aria-labelledby="join-status">
            <Stack gap="sm">
              <Title order={2} size="h4" id="join-status">
                Узнать статус заявления
              </Title>
              <StatusForm
                initialId={step.kind === 'done' ? step.application.id : ''}
                initialEmail={step.kind === 'done' ? step.application.email : ''}
              />
            </Stack>
          </Paper>
        )}

        <Text ta="center">
          Уже в Профсоюзе?{' '}
          <Anchor component={Link} to="/cabinet/login" fw={600}>
            Войти в личный кабинет
          </Anchor>
        </Text>
      </Stack>
    </PublicShell>
  );
}

function Done({
  application,
  onRestart,
}: {
  application: SubmittedApplication;
  onRestart: () => void;
}) {
  return (
    <Stack gap="md">
      <Alert color="teal" role="status" title="Спасибо!">
        <Stack gap="xs">
          <Text>
            Заявление отправлено председателю профсоюзной организации «{application.orgName}».
            Решение придёт на почту <b style={{ overflowWrap: 'anywhere' }}>{application.email}</b>.
          </Text>
          <Text>
            Номер вашего заявления: <b>{application.id}</b>. Запишите его: по номеру и адресу почты
            можно узнать, что с заявлением.
          </Text>
        </Stack>
      </Alert>
      <Button variant="subtle" size="md" onClick={onRestart}>
        Новое заявление (например, для коллеги)
      </Button>
    </Stack>
  );
}
