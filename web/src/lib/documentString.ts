/**
 * A GraphQL document as a string, typed by its result and variables: what the generated
 * `TypedDocumentString` is, for documents inlined into the module that uses them (vite.config.ts,
 * `inlineDocuments`): each page's chunk carries its own documents, not the whole generated map.
 * Unlike the generated class it does not extend String (a String subclass is slow to construct, and
 * a chunk constructs all its documents when it loads); documents are only ever read by `toString()`.
 */
import type { DocumentTypeDecoration } from "@graphql-typed-document-node/core";

export class TypedDocumentString<TResult, TVariables> implements DocumentTypeDecoration<TResult, TVariables> {
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>["__apiType"]>;
  private value: string;
  public __meta__?: Record<string, unknown> | undefined;

  constructor(value: string, __meta__?: Record<string, unknown> | undefined) {
    this.value = value;
    this.__meta__ = __meta__;
  }

  toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value as string & DocumentTypeDecoration<TResult, TVariables>;
  }
}
