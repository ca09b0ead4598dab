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
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useApi } from '../api/ApiContext';
import { ProblemBar } from '../shell/ProblemBar';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  explain: { color: tokens.colorNeutralForeground2, margin: 0 },
});

interface KillSwitchProps {
  paused: boolean;
  onChanged: (paused: boolean) => void;
}

/**
 * The organisation-wide pause. Pausing asks first (everyone stops getting breaks); resuming does not. The state is
 * shown as a message bar above the switch so nobody misses a paused organisation.
 */
export function KillSwitch({ paused, onChanged }: KillSwitchProps) {
  const styles = useStyles();
  const api = useApi();
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function apply(next: boolean) {
    setBusy(true);
    setError(null);
    try {
      const state = await api.setKillSwitch(next);
      onChanged(state.paused);
      setConfirming(false);
    } catch (e) {
      setError(e);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={styles.stack}>
      <div role="status" aria-live="polite" data-testid="nudges-state" data-paused={paused ? 'true' : 'false'}>
        {paused ? (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{t('kill.pausedTitle')}</MessageBarTitle>
              {t('kill.pausedText')}
            </MessageBarBody>
          </MessageBar>
        ) : (
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{t('kill.onTitle')}</MessageBarTitle>
              {t('kill.onText')}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      <Switch
        label={t('kill.switch')}
        checked={paused}
        disabled={busy}
        aria-describedby="kill-switch-explain"
        data-testid="kill-switch"
        onChange={(_, d) => {
          if (d.checked) setConfirming(true);
          else void apply(false);
        }}
      />
      <Text as="p" id="kill-switch-explain" className={styles.explain}>
        {t('kill.explain')}
      </Text>
      <ProblemBar error={error} onDismiss={() => setError(null)} />

      <Dialog open={confirming} onOpenChange={(_, d) => !busy && setConfirming(d.open)} modalType="alert">
        <DialogSurface data-testid="kill-switch-dialog">
          <DialogBody>
            <DialogTitle>{t('kill.dialogTitle')}</DialogTitle>
            <DialogContent>{t('kill.dialogText')}</DialogContent>
            <DialogActions>
              <Button appearance="primary" disabled={busy} onClick={() => void apply(true)} data-testid="kill-switch-confirm">
                {t(busy ? 'kill.pausing' : 'kill.pause')}
              </Button>
              <Button disabled={busy} onClick={() => setConfirming(false)} data-testid="kill-switch-cancel">
                {t('kill.keep')}

              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
