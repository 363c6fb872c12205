/**
 * Finds the Windows terms of the glossary in a sentence, so the view can explain each one
 * where it appears (a tooltip) without the engine's texts carrying markup. Only the first
 * occurrence of a term in a text is marked: one explanation per paragraph is enough, and a
 * sentence full of underlined words is harder to read. Abbreviations (SPN, NTLM) match only
 * in capitals, words (Kerberos, zone) in any case; a term never matches inside a longer word.
 */
import type { GlossaryTerm } from './glossary.js';

export type TextPart = string | { readonly text: string; readonly term: GlossaryTerm };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isAbbreviation(form: string): boolean {
  return /^[A-Z0-9]+$/.test(form);
}

/** One pattern per written form, so "SPN" stays case-sensitive while "Service Principal Name" is not. */
function patternsFor(term: GlossaryTerm): RegExp[] {
  const forms = [term.term, ...(term.expansion ? [term.expansion] : []), ...(term.otherForms ?? [])];
  // Plural "zones"/"SPNs" is the same term; the lookarounds keep "SPN" out of "SPNEGO".
  return forms.map(
    (form) => new RegExp(`(?<![\\w-])${escapeRegExp(form)}s?(?![\\w-])`, isAbbreviation(form) ? '' : 'i'),
  );
}

interface Match {
  readonly start: number;
  readonly end: number;
  readonly term: GlossaryTerm;
}

export function markTerms(text: string, terms: readonly GlossaryTerm[]): TextPart[] {
  const candidates: Match[] = [];
  for (const term of terms) {
    for (const pattern of patternsFor(term)) {
      const found = pattern.exec(text);
      if (found) candidates.push({ start: found.index, end: found.index + found[0].length, term });
    }
  }
  // Earliest first; of two starting together, the longer ("kernel-mode authentication" over "kernel").
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: TextPart[] = [];
  const marked = new Set<string>();
  let position = 0;
  for (const match of candidates) {
    if (match.start < position || marked.has(match.term.id)) continue;
    marked.add(match.term.id);
    if (match.start > position) parts.push(text.slice(position, match.start));
    parts.push({ text: text.slice(match.start, match.end), term: match.term });
    position = match.end;
  }
  if (position < text.length) parts.push(text.slice(position));
  return parts;
}
