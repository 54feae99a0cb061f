import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { Survey } from '@profreestr/contracts';
import { useState } from 'react';
import { usePublishSurvey } from '../api/surveys';
import { errorMessage } from '../components/query-state';
import { formatCount, plural } from '../format';

/** «Опубликовать» with a confirmation that says how many people will be invited. */
export function PublishSurvey({ survey }: { survey: Survey }) {
  const [opened, setOpened] = useState(false);
  const publish = usePublishSurvey(survey.id);
  const n = survey.audienceCount;
  return (
    <>
      <Button color="green" mih={44} onClick={() => setOpened(true)}>
        Опубликовать
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title="Опубликовать опрос?"
        closeButtonProps={{ 'aria-label': 'Закрыть' }}
      >
        <Stack gap="md">
          <Text>
            Приглашение получат {formatCount(n)} {plural(n, 'человек', 'человека', 'человек')}{' '}
            (письмом — те, кто согласился на письма). Опрос появится у них в кабинете или в разделе
            «Опросы».
          </Text>
          <Text size="sm" c="dimmed">
            После публикации вопросы и аудиторию изменить нельзя — только время окончания.
            Публикуется сохранённая версия.
          </Text>
          {publish.isError && (
            <Alert color="red" role="alert" title="Не удалось опубликовать">
              {errorMessage(publish.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" mih={44} onClick={() => setOpened(false)}>
              Отмена
            </Button>
            <Button
              color="green"
              mih={44}
              loading={publish.isPending}
              onClick={() => publish.mutate(undefined, { onSuccess: () => setOpened(false) })}
            >
              Опубликовать для {formatCount(n)}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
