import { ABBREVIATIONS, LEGAL_SUFFIXES, PHRASES } from './name-tables.js';

/**
 * An organisation name in the form the matcher compares (DOMAIN.md section 3): lower-case, no
 * punctuation ('M.K.' -> 'mk'), local abbreviations expanded ('mk' -> 'milton keynes', '&' -> 'and'),
 * legal suffixes and a leading or trailing 'the' dropped, single spaces.
 * 'M.K. Play Assoc. Ltd' -> 'milton keynes play association'.
 */
export function normaliseName(name: string): string {
  return nameTokens(name).join(' ');
}

/** The tokens of normaliseName. */
export function nameTokens(name: string): string[] {
  const expanded = expandAbbreviations(rawTokens(name));
  const rewritten = rewritePhrases(expanded).filter((t) => !LEGAL_SUFFIXES.has(t));
  return trimThe(rewritten);
}

/**
 * 'St' is 'saint' at the start of a name, after 'of' / 'and', or before a possessive ("Olney St
 * Mary's Church"); any other 'st' is 'street' ('High St Community Centre'), see ABBREVIATIONS.
 */
const SAINT_BY_POSITION = /(^\s*|\b(?:of|and)\s+)st(?:\.\s*|\s+)/g;
const SAINT_BEFORE_POSSESSIVE = /\bst(?:\.\s*|\s+)(?=[a-z]+'s\b)/g;

/** Lower-case ASCII words: accents folded, initials joined ('m.k.' -> 'mk'), apostrophes dropped. */
function rawTokens(name: string): string[] {
  const text = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[&+]/g, ' and ')
    .replace(/\b[a-z](?:\.[a-z])+\b\.?/g, (initials) => initials.replace(/\./g, ''))
    .replace(/['\u2018\u2019`]/g, "'")
    .replace(SAINT_BY_POSITION, '$1saint ')
    .replace(SAINT_BEFORE_POSSESSIVE, 'saint ')
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, ' ');
  return joinSpacedInitials(text.split(' ').filter((t) => t.length > 0));
}

/** 'm k play' -> 'mk play': initials written with spaces instead of full stops. */
function joinSpacedInitials(tokens: string[]): string[] {
  const out: string[] = [];
  let previousWasInitial = false;
  for (const token of tokens) {
    const initial = /^[a-z]$/.test(token);
    if (initial && previousWasInitial) out[out.length - 1] += token;
    else out.push(token);
    previousWasInitial = initial;
  }
  return out;
}

function expandAbbreviations(tokens: string[]): string[] {
  return tokens.flatMap((token) => ABBREVIATIONS[token] ?? [token]);
}

function rewritePhrases(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const phrase = PHRASES.find(([words]) => words.every((w, k) => tokens[i + k] === w));
    if (phrase) {
      out.push(...phrase[1]);
      i += phrase[0].length;
    } else {
      out.push(tokens[i]);
      i += 1;
    }
  }
  return out;
}

function trimThe(tokens: string[]): string[] {
  let start = 0;
  let end = tokens.length;
  while (start < end && tokens[start] === 'the') start += 1;
  while (end > start && tokens[end - 1] === 'the') end -= 1;
  return tokens.slice(start, end);
}

/**
 * The key a token is compared by: a trailing possessive or plural 's' is folded away so that
 * "St Mary's" = "St Mary" and "Women's" = "Womens" = "Women". Used for comparison only.
 */
export function tokenKey(token: string): string {
  return token.length > 3 && token.endsWith('s') && !token.endsWith('ss') ? token.slice(0, -1) : token;
}
