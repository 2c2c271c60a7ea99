/**
 * A GraphQL document as a string, typed by its result and variables: what the generated
 * `TypedDocumentString` is, for documents inlined into the module that uses them (vite.config.ts,
 * `inlineDocuments`): each page's chunk carries its own documents, not the whole generated map.
 */
import type { DocumentTypeDecoration } from "@graphql-typed-document-node/core";

export class TypedDocumentString<TResult, TVariables> extends String implements DocumentTypeDecoration<TResult, TVariables> {
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>["__apiType"]>;
  private value: string;
  public __meta__?: Record<string, unknown> | undefined;

  constructor(value: string, __meta__?: Record<string, unknown> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value as string & DocumentTypeDecoration<TResult, TVariables>;
  }
}
