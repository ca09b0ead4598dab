import type { ReactElement } from 'react';
import { Field } from '@fluentui/react-components';
import type { FieldErrors } from '../api/errors';

interface FormFieldProps {
  label?: string;
  hint?: string;
  /** The service's or the form's messages for this field; shown under it, and mark it invalid. */
  messages: readonly string[];
  testId: string;
  children: ReactElement;
}

/** One labelled form control with its hint and validation messages (My settings, the admin page's settings). */
export function FormField({ label, hint, messages, testId, children }: FormFieldProps) {
  const invalid = messages.length > 0;
  return (
    <Field
      label={label || undefined}
      hint={hint || undefined}
      validationState={invalid ? 'error' : 'none'}
      validationMessage={invalid ? messages.join(' ') : undefined}
      data-testid={testId}
    >
      {children}
    </Field>
  );
}

/**
 * A form's field renderer: `field(name, label, hint, control)` with the messages for `name` from `errors`, test id
 * `${testIdPrefix}${name}`. A switch carries its own label: pass '' as the label.
 */
export function fieldsOf(errors: FieldErrors, testIdPrefix: string) {
  return (name: string, label: string, hint: string, control: ReactElement) => (
    <FormField label={label} hint={hint} messages={errors[name] ?? []} testId={`${testIdPrefix}${name}`}>
      {control}
    </FormField>
  );
}
