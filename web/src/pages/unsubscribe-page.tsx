import { useUnsubscribe } from '../api/mailings';
import { PublicLinkAction } from '../mailings/public-link-action';

/** `/unsubscribe?token=…` from a mailing's letter: no more mailings, on the reader's press. */
export function UnsubscribePage() {
  const unsubscribe = useUnsubscribe();
  return (
    <PublicLinkAction
      title="Отписка от рассылок"
      explanation="Нажмите кнопку, и рассылки Профсоюза перестанут приходить на адрес, на который пришло письмо с этой ссылкой."
      button="Отписаться от рассылок"
      done={{
        title: 'Вы отписались от рассылок',
        text: 'Вы отписались от рассылок: письма рассылок на этот адрес больше не придут. Чтобы снова получать их, обратитесь в свою профсоюзную организацию.',
      }}
      invalid="Ссылка для отписки недействительна. Откройте ссылку из последнего письма рассылки."
      action={unsubscribe}
    />
  );
}
