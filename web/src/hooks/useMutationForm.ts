/**
 * One hook for every form and action that sends a mutation: busy state while it runs, the
 * payload's `errors { field message code }` split into field errors (for the fields the form
 * shows) and general ones, request failures as general errors, then invalidation of the
 * queries the mutation changes and the success callback or toast.
 *
 * Actions outside a form (buttons on a card) pass `errorToast`: their errors become a toast.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { TypedDocumentString } from "../gql/graphql";
import { invalidate, mutation, type Payload } from "../lib/data";
import { errorMessage, splitErrors, type FieldErrorLike } from "../lib/graphql";
import { useToast, type Toast } from "../lib/toast";

type ToastSpec = Omit<Toast, "id" | "kind">;

export interface MutationFormOptions<V, P> {
  /** Input fields the form shows errors next to; errors on any other field are general. */
  fields?: readonly string[];
  /** Whether the payload means success (default: no errors). */
  accepted?: (payload: P) => boolean;
  /** General error when the payload is refused without saying why. */
  refused?: string;
  /** Queries to refetch after a success. */
  invalidates?: readonly TypedDocumentString<unknown, never>[];
  onSuccess?: (payload: P, variables: V) => void;
  successToast?: (payload: P, variables: V) => ToastSpec;
  /** Report errors in a toast instead of on the form: a title, or the whole toast. */
  errorToast?: string | ((message: string, refused: boolean) => ToastSpec);
}

export interface MutationForm<V, P> {
  /** Send; resolves the payload on success, null otherwise (the errors are already shown). */
  submit: (variables: V) => Promise<P | null>;
  /** An onSubmit handler: the variables, or a function that builds them at submit time (undefined: do not send). */
  handle: (variables: V | (() => V | undefined)) => (event: FormEvent) => void;
  busy: boolean;
  /** The variables of the mutation in flight (e.g. to mark the card it is about). */
  pending: V | undefined;
  fieldErrors: Record<string, string>;
  general: string[];
  /** Every message, field errors first: for forms with a single field. */
  messages: string[];
  setFieldErrors: (errors: Record<string, string>) => void;
  setGeneral: (messages: string[]) => void;
  clearErrors: () => void;
}

type PayloadLike = { errors: readonly FieldErrorLike[] };

/** `send` is a mutation document, or a function that sends one (e.g. create or update). */
export function useMutationForm<R, V>(send: TypedDocumentString<R, V>, options?: MutationFormOptions<V, Payload<R>>): MutationForm<V, Payload<R>>;
export function useMutationForm<V, P extends PayloadLike>(send: (variables: V) => Promise<P>, options?: MutationFormOptions<V, P>): MutationForm<V, P>;
export function useMutationForm<V, P extends PayloadLike>(
  send: TypedDocumentString<unknown, V> | ((variables: V) => Promise<P>),
  options: MutationFormOptions<V, P> = {},
): MutationForm<V, P> {
  const toast = useToast();
  const client = useQueryClient();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const run = useMutation<P, Error, V>({ mutationFn: typeof send === "function" ? send : mutation(send as TypedDocumentString<Record<string, P>, V>) });

  const fail = (messages: string[], refused: boolean, byField: Record<string, string> = {}) => {
    const { errorToast } = options;
    if (!errorToast) {
      setFieldErrors(byField);
      setGeneral(messages);
      return;
    }
    const message = [...Object.values(byField), ...messages].join(" ");
    toast.show({ kind: "error", ...(typeof errorToast === "string" ? { title: errorToast, body: message } : errorToast(message, refused)) });
  };

  const submit = async (variables: V): Promise<P | null> => {
    setFieldErrors({});
    setGeneral([]);
    let payload: P;
    try {
      payload = await run.mutateAsync(variables);
    } catch (e) {
      fail([errorMessage(e)], false);
      return null;
    }
    if (!(options.accepted ? options.accepted(payload) : payload.errors.length === 0)) {
      const split = splitErrors(payload.errors, options.fields ?? []);
      const silent = !split.general.length && !Object.keys(split.byField).length;
      fail(silent && options.refused ? [options.refused] : split.general, true, split.byField);
      return null;
    }
    if (options.invalidates) void invalidate(client, options.invalidates);
    options.onSuccess?.(payload, variables);
    if (options.successToast) toast.show({ kind: "success", ...options.successToast(payload, variables) });
    return payload;
  };

  return {
    submit,
    handle: (variables) => (event) => {
      event.preventDefault();
      const built = typeof variables === "function" ? (variables as () => V | undefined)() : variables;
      if (built !== undefined) void submit(built);
    },
    busy: run.isPending,
    pending: run.isPending ? run.variables : undefined,
    fieldErrors,
    general,
    messages: [...Object.values(fieldErrors), ...general],
    setFieldErrors,
    setGeneral,
    clearErrors: () => {
      setFieldErrors({});
      setGeneral([]);
    },
  };
}
