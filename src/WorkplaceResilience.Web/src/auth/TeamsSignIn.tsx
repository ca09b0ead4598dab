import { Button, Spinner, Text, Title1, makeStyles, tokens } from '@fluentui/react-components';
import { ProblemBar } from '../shell/ProblemBar';

const useStyles = makeStyles({ stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

interface TeamsSignInProps {
  busy: boolean;
  error: unknown;
  onRetry: () => void;
}

/** Shown inside Teams while (or when failing at) getting the Teams SSO token. */
export function TeamsSignIn({ busy, error, onRetry }: TeamsSignInProps) {
  const styles = useStyles();
  return (
    <div className={styles.stack}>
      <Title1 as="h1">Signing you in</Title1>
      {busy ? (
        <Spinner label="Signing you in with your Teams account…" />
      ) : (
        <>
          <ProblemBar error={error} />
          <Text as="p">We could not sign you in with your Teams account.</Text>
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
