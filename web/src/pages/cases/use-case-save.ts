import { useMutation, useQueryClient } from '@tanstack/react-query';
import { caseKeys } from './queries';

/**
 * A change to a case or one of its records: once saved, everything read about cases is
 * read again (the case, its records, its history and the list), then `onSaved` runs.
 */
export function useCaseSave<T>(save: () => Promise<T>, onSaved: (result: T) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: save,
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: caseKeys.all });
      onSaved(result);
    },
  });
}

/** '' → null, for optional fields a form holds as text. */
export const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** A whole number typed in a box: null when empty; what cannot be read is sent as is for the service to refuse. */
export const numberOrNull = (value: string): number | null => (value.trim() === '' ? null : Number(value.trim()));

/** The fields of `next` that differ from `before` (compared as JSON), for a PATCH that changes only what changed. */
export function changed<T extends object>(before: T, next: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(next) as Array<keyof T>) {
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) out[key] = next[key];
  }
  return out;
}
