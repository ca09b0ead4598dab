import { Button, Spinner, Text, Title1, makeStyles, tokens } from '@fluentui/react-components';
import { ProblemBar } from '../shell/ProblemBar';
import { HOST_LABEL, type HostKind } from './teams';
import { useI18n } from '../i18n/I18nProvider';

const useStyles = makeStyles({ stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

interface TeamsSignInProps {
  host: HostKind;
  busy: boolean;
  error: unknown;
  onRetry: () => void;
}

/** Shown inside Teams, Outlook or the Microsoft 365 app while (or when failing at) getting the host's SSO token. */
export function TeamsSignIn({ host, busy, error, onRetry }: TeamsSignInProps) {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <div className={styles.stack}>
      <Title1 as="h1">{t('signIn.title')}</Title1>
      {busy ? (
        <Spinner label={t('signIn.busy', { host: HOST_LABEL[host] })} />
      ) : (
        <>
          <ProblemBar error={error} />
          <Text as="p" data-testid="host-sign-in-failed">
            {t('signIn.failed', { host: HOST_LABEL[host] })}
          </Text>
          <div>
            <Button appearance="primary" onClick={onRetry}>
              {t('problem.tryAgain')}

            </Button>
          </div>
        </>
      )}
    </div>
  );
}
