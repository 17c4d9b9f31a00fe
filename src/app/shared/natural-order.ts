const collator = new Intl.Collator(undefined, { numeric: true });

/**
 * Names in the order a reader expects: the numbers in them by value (`layer_2` before `layer_10`,
 * `ROC 9` before `ROC 10`), the rest as the locale orders text. For metrics, variants, parameters,
 * plots and categories alike.
 */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b);
}
