import { naturalCompare } from './natural-order';

describe('naturalCompare', () => {
  it('orders the numbers in names by value', () => {
    expect(['param_10', 'param_2', 'param_1', 'param_0'].sort(naturalCompare)).toEqual(['param_0', 'param_1', 'param_2', 'param_10']);
    expect(['ROC 10/test', 'ROC 9/test'].sort(naturalCompare)).toEqual(['ROC 9/test', 'ROC 10/test']);
  });

  it('orders text as the locale does otherwise', () => {
    expect(['loss', 'Accuracy', 'lr'].sort(naturalCompare)).toEqual(['Accuracy', 'loss', 'lr']);
    expect(naturalCompare('same', 'same')).toBe(0);
  });
});
