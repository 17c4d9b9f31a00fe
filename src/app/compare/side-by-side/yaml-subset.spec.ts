import { parseYamlSubset } from './yaml-subset';

describe('YAML subset', () => {
  it('reads nested block mappings, comments and flow collections', () => {
    const text = [
      '# Training configuration',
      'model:',
      '  arch: resnet18   # the backbone',
      '  pretrained: true',
      'optimizer:',
      '  betas: [0.9, 0.999]',
      '  name: "adam # not a comment"',
      'data:',
      '  augment:',
      '    random_crop: {size: 32, padding: 4}',
      "  root: '/datasets/it''s'",
      'empty:',
    ].join('\n');
    expect(parseYamlSubset(text) as unknown).toEqual({
      model: { arch: 'resnet18', pretrained: 'true' },
      optimizer: { betas: ['0.9', '0.999'], name: 'adam # not a comment' },
      data: { augment: { random_crop: { size: '32', padding: '4' } }, root: "/datasets/it's" },
      empty: null,
    });
  });

  it('reads block sequences of scalars and of mappings, also at the key indentation', () => {
    const text = ['callbacks:', '- name: ckpt', '  every: 5', '- name: early_stop', 'milestones:', '  - 10', '  - 20'].join('\n');
    expect(parseYamlSubset(text) as unknown).toEqual({
      callbacks: [{ name: 'ckpt', every: '5' }, { name: 'early_stop' }],
      milestones: ['10', '20'],
    });
  });

  it('refuses what it does not support instead of guessing', () => {
    expect(() => parseYamlSubset('script: |\n  echo hi\n')).toThrow();
    expect(() => parseYamlSubset('a: &anchor 1\nb: *anchor\n')).toThrow();
    expect(() => parseYamlSubset('a: 1\n---\nb: 2\n')).toThrow();
    expect(() => parseYamlSubset('a:\n    b: 1\n  c: 2\n')).toThrow();
    expect(() => parseYamlSubset('a: [1, 2\n')).toThrow();
    expect(() => parseYamlSubset('a: 1\na: 2\n')).toThrow();
  });
});
