import { useConfirmEmail } from '../api/mailings';
import { PublicLinkAction } from '../mailings/public-link-action';

/** `/email/confirm?token=…` from a confirmation letter: the address is confirmed on the press. */
export function EmailConfirmPage() {
  const confirm = useConfirmEmail();
  return (
    <PublicLinkAction
      title="Подтверждение адреса"
      explanation="Нажмите кнопку, чтобы подтвердить, что адрес электронной почты, на который пришло письмо, ваш: на него будут приходить письма профсоюзной организации."
      button="Подтвердить адрес"
      done={{
        title: 'Адрес подтверждён',
        text: 'Адрес подтверждён. Спасибо! Эту страницу можно закрыть.',
      }}
      invalid="Ссылка недействительна или устарела: попросите прислать письмо ещё раз."
      action={confirm}
    />
  );
}
