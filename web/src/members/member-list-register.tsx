import { Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { FormModal } from '../components/form-modal';
import { OrgSearch } from '../orgs/org-search';
import { REGISTER_TITLE, RegisterModal } from './register-modal';

interface RegisterButtonProps {
  /** The primary people are put on record in … */
  orgId: string | null;
  /** … or, without one, the subtree where the user first picks the primary. */
  under: string | null;
}

/**
 * «Поставить на учёт» above a list: straight to the form in a primary; over a larger subtree
 * (an admin or editor of a region, say) the primary is picked first.
 */
export function RegisterButton({ orgId, under }: RegisterButtonProps) {
  const [picking, setPicking] = useState(false);
  const [target, setTarget] = useState<string | null>(null);

  return (
    <>
      <Button
        size="lg"
        fullWidth
        maw={{ sm: 360 }}
        onClick={() => (orgId ? setTarget(orgId) : setPicking(true))}
      >
        {REGISTER_TITLE}
      </Button>
      {under && (
        <FormModal opened={picking} onClose={() => setPicking(false)} title={REGISTER_TITLE}>
          {picking && (
            <Stack gap="sm">
              <Text size="sm">Выберите первичную организацию, где человек встанет на учёт.</Text>
              <OrgSearch
                label="Первичная организация"
                visibleLabel
                level="primary"
                status="active"
                under={under}
                onPick={(org) => {
                  setPicking(false);
                  setTarget(org.id);
                }}
              />
            </Stack>
          )}
        </FormModal>
      )}
      {target && <RegisterModal orgId={target} opened onClose={() => setTarget(null)} />}
    </>
  );
}
