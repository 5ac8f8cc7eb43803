/** The portable regex subset (lib/util/regex.ts): RE2 syntax that JavaScript also parses, minus what AWS lacks. */
import { compileWholeMatch, regexProblem } from '../../lib/util/regex';

test.each(['/v[0-9]+(/.*)?', '/(a|b)/c', '/files/[a-z]+\\.png', '[0-9]{2,}', 'a{1000}', '(a{10}){100}', '/a\\++', '/a\\\\p', '/\\(\\?=x\\)', '\\d\\w\\s\\b'])(
  '%s is portable',
  (pattern) => {
    expect(regexProblem(pattern)).toBeUndefined();
  },
);

test.each([
  ['/(?=a)', /lookahead/],
  ['/(?<!a)b', /lookbehind/],
  ['(a)\\1', /backreferences/],
  ['(?<n>a)\\k<n>', /named backreferences/],
  ['(?P<n>a)', /named groups/],
  ['(?>a+)b', /atomic groups/],
  ['(?i)abc', /inline flags/],
  ['a++', /possessive/],
  ['\\p{L}+', /Unicode classes/],
  ['\\pL', /Unicode classes/],
  ['[[:alpha:]]', /POSIX classes/],
  ['a{1001}', /RE2 syntax: invalid repeat count.*at most 1000/],
  ['a{1000000000}', /RE2 syntax: invalid repeat count/],
  ['(a{100}){100}', /RE2 syntax: invalid repeat count/],
  ['\\cA', /RE2 syntax/],
  ['a\\z', /JavaScript syntax/],
  ['\\Qa.b\\E', /JavaScript syntax/],
  ['/a(', /not a valid regular expression/],
])('%s is refused: %s', (pattern, why) => {
  expect(regexProblem(pattern)).toMatch(why);
});

test('matching is whole-input, case-sensitive, and linear on a pattern that backtracking engines blow up on', () => {
  const re = compileWholeMatch('/(a+)+');
  expect(re.test('/aaa')).toBe(true);
  expect(re.test('/aaa/')).toBe(false);
  expect(re.test('/AAA')).toBe(false);
  // 100 000 characters: a backtracking engine would never finish; RE2 answers (no timing asserted).
  expect(compileWholeMatch('(a+)+b').test('a'.repeat(100_000))).toBe(false);
});
