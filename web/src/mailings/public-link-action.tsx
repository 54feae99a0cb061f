import { Alert, Button, Container, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { isApiError } from '../api/client';
import { errorMessage } from '../components/query-state';

interface PublicLinkActionProps {
  title: string;
  /** What the button does, said before it is pressed. */
  explanation: ReactNode;
  button: string;
  /** Said once the server has done it. */
  done: { title: string; text: string };
  /** Said for a link the server does not know (404) or cannot read (422). */
  invalid: string;
  /** The request, sent with the link's token. */
  action: LinkRequest;
}

/** What the page reads of the request (a mutation). */
interface LinkRequest {
  mutate: (token: string) => void;
  isPending: boolean;
  isSuccess: boolean;
  isError: boolean;
  error: unknown;
}

/**
 * A page a letter's link opens, without a session: it explains, and the request goes only when
 * the reader presses the button. Mail scanners open links, and opening one must do nothing.
 */
export function PublicLinkAction(props: PublicLinkActionProps) {
  const { title, explanation, button, done, invalid, action } = props;
  useDocumentTitle(`${title} — Профреестр`);
  const [params] = useSearchParams();
  const token = params.get('token')?.trim() ?? '';
  // An unknown or used link (404) and a malformed one (422) mean the same to the reader.
  const refused = isApiError(action.error, 404) || isApiError(action.error, 422);

  return (
    <Container size={480} px="md" py={{ base: 'xl', sm: 80 }} component="main">
      <Stack gap="md">
        <Text c="dimmed" size="sm">
          Профреестр — реестр Общероссийского Профсоюза образования
        </Text>
        <Title order={1} size="h2">
          {title}
        </Title>
        {action.isSuccess ? (
          <Alert color="teal" role="status" title={done.title}>
            {done.text}
          </Alert>
        ) : !token ? (
          <Alert color="red" role="alert" title="Ссылка неполная">
            В ссылке нет кода. Откройте ссылку из письма целиком или скопируйте её в адресную строку
            полностью.
          </Alert>
        ) : refused ? (
          <Alert color="red" role="alert">
            {invalid}
          </Alert>
        ) : (
          <>
            <Text>{explanation}</Text>
            {action.isError && (
              <Alert color="red" role="alert" title="Не получилось">
                {errorMessage(action.error)}
              </Alert>
            )}
            <Button
              size="md"
              fullWidth
              maw={{ sm: 320 }}
              loading={action.isPending}
              onClick={() => action.mutate(token)}
            >
              {button}
            </Button>
          </>
        )}
      </Stack>
    </Container>
  );
}
