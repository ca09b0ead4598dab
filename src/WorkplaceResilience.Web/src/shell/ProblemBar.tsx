import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { describeError } from '../api/errors';

interface ProblemBarProps {
  error: unknown;
  onRetry?: () => void;
  onDismiss?: () => void;
}

/** Shows an API ProblemDetails (title + detail) or any other error in a Fluent MessageBar. */
export function ProblemBar({ error, onRetry, onDismiss }: ProblemBarProps) {
  if (!error) return null;
  const { title, detail } = describeError(error);
  return (
    <MessageBar intent="error" layout="multiline" data-testid="problem">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {detail}
      </MessageBarBody>
      {(onRetry || onDismiss) && (
        <MessageBarActions>
          {onRetry && <Button onClick={onRetry}>Try again</Button>}
          {onDismiss && <Button onClick={onDismiss}>Dismiss</Button>}
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
