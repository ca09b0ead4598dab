import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { describeError } from '../api/errors';
import { useI18n } from '../i18n/I18nProvider';

interface ProblemBarProps {
  error: unknown;
  onRetry?: () => void;
  onDismiss?: () => void;
}

/** Shows an API ProblemDetails (title + detail) or any other error in a Fluent MessageBar. */
export function ProblemBar({ error, onRetry, onDismiss }: ProblemBarProps) {
  const i18n = useI18n();
  if (!error) return null;
  const { title, detail } = describeError(error, i18n);
  return (
    <MessageBar intent="error" layout="multiline" data-testid="problem">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {detail}
      </MessageBarBody>
      {(onRetry || onDismiss) && (
        <MessageBarActions>
          {onRetry && <Button onClick={onRetry}>{i18n.t('problem.tryAgain')}</Button>}
          {onDismiss && <Button onClick={onDismiss}>{i18n.t('problem.dismiss')}</Button>}

        </MessageBarActions>
      )}
    </MessageBar>
  );
}
