/** What `fn` throws (undefined when it returns): tests read an error's fields without a try block each. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}
