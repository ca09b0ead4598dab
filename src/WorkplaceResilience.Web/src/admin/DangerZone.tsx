import { useI18n } from '../i18n/I18nProvider';
import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DeleteRegular } from '@fluentui/react-icons';
import { useApi } from '../api/ApiContext';
import { ProblemBar } from '../shell/ProblemBar';

const useStyles = makeStyles({
  box: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    alignItems: 'flex-start',
    border: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteRedBorder2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  text: { margin: 0 },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  danger: {
    backgroundColor: tokens.colorPaletteRedBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': { backgroundColor: tokens.colorPaletteRedForeground1, color: tokens.colorNeutralForegroundOnBrand },
  },
});

/**
 * Offboarding: deletes every row the service holds for this organisation. The page does not know the tenant id, so
 * the admin types it (from the Entra admin center); the service checks it matches the admin's own organisation.
 */
export function DangerZone({ onRemoved }: { onRemoved?: () => void }) {
  const styles = useStyles();
  const api = useApi();
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [removed, setRemoved] = useState(false);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await api.deleteTenant(confirm.trim());
      setOpen(false);
      setRemoved(true);
      onRemoved?.();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (removed) {
    return (
      <MessageBar intent="success" layout="multiline" data-testid="tenant-removed">
        <MessageBarBody>
          <MessageBarTitle>{t('danger.removedTitle')}</MessageBarTitle>
          {t('danger.removedText')}
        </MessageBarBody>
      </MessageBar>
    );
  }

  return (
    <div className={styles.box}>
      <Text as="p" className={styles.text}>
        {t('danger.text')}
      </Text>
      <Button
        icon={<DeleteRegular />}
        className={styles.danger}
        onClick={() => {
          setConfirm('');
          setError(null);
          setOpen(true);
        }}
        data-testid="remove-tenant"
      >
        {t('danger.button')}
      </Button>

      <Dialog open={open} onOpenChange={(_, d) => !busy && setOpen(d.open)} modalType="alert">
        <DialogSurface data-testid="remove-tenant-dialog">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (confirm.trim()) void remove();
            }}
          >
            <DialogBody>
              <DialogTitle>{t('danger.dialogTitle')}</DialogTitle>
              <DialogContent className={styles.content}>
                <Text as="p" className={styles.text}>
                  {t('danger.dialogText')}
                </Text>
                <Field
                  label={t('danger.confirm')}
                  hint={t('danger.confirmHint')}
                  required
                >
                  <Input
                    value={confirm}
                    onChange={(_, d) => setConfirm(d.value)}
                    autoComplete="off"
                    spellCheck={false}
                    placeholder="00000000-0000-0000-0000-000000000000"
                    data-testid="remove-tenant-confirm"
                  />
                </Field>
                <ProblemBar error={error} />
              </DialogContent>
              <DialogActions>
                <Button
                  type="submit"
                  className={styles.danger}
                  disabled={busy || confirm.trim() === ''}
                  data-testid="remove-tenant-submit"
                >
                  {t(busy ? 'danger.removing' : 'danger.remove')}
                </Button>
                <Button disabled={busy} onClick={() => setOpen(false)}>
                  {t('danger.keep')}

                </Button>
              </DialogActions>
            </DialogBody>
          </form>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
