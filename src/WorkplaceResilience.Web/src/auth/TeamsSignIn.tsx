import { Button, Spinner, Text, Title1, makeStyles, tokens } from '@fluentui/react-components';
import { ProblemBar } from '../shell/ProblemBar';
import { HOST_LABEL, type HostKind } from './teams';

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
  return (
    <div className={styles.stack}>
      <Title1 as="h1">Signing you in</Title1>
      {busy ? (
        <Spinner label={`Signing you in through ${HOST_LABEL[host]}…`} />
      ) : (
        <>
          <ProblemBar error={error} />
          <Text as="p" data-testid="host-sign-in-failed">
            We could not sign you in through {HOST_LABEL[host]} with your work account.
          </Text>
          <div>
            <Button appearance="primary" onClick={onRetry}>
              Try again
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
