/**
 * State of the Token inspector: the pasted text and what it decodes to. One mutation path
 * (style.md): the view calls `paste`/`clear`, never sets state itself. Decoding is local
 * and synchronous (pure shared code, bounded input); nothing is sent anywhere.
 */
import { createStore } from 'zustand/vanilla';
import { decodeAuthToken, TokenDecodeError } from '../../../../shared/tokens/decode-auth-token.js';
import type { DecodedAuthToken } from '../../../../shared/tokens/decoded-auth-token.js';

export type TokenInspection =
  | { readonly status: 'empty' }
  | { readonly status: 'decoded'; readonly token: DecodedAuthToken }
  | { readonly status: 'error'; readonly code: string; readonly message: string };

export interface TokenInspectorState {
  readonly input: string;
  readonly inspection: TokenInspection;
  paste(text: string): void;
  clear(): void;
}

export function inspectToken(text: string): TokenInspection {
  if (text.trim() === '') return { status: 'empty' };
  try {
    return { status: 'decoded', token: decodeAuthToken(text) };
  } catch (error) {
    if (error instanceof TokenDecodeError)
      return { status: 'error', code: error.code, message: error.message };
    throw error;
  }
}

export function createTokenInspectorStore() {
  return createStore<TokenInspectorState>()((set) => ({
    input: '',
    inspection: { status: 'empty' },
    paste(text) {
      set({ input: text, inspection: inspectToken(text) });
    },
    clear() {
      set({ input: '', inspection: { status: 'empty' } });
    },
  }));
}
